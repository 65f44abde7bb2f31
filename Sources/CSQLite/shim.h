// The one header Swift sees for sqlite3 (Debian package libsqlite3-dev).
#include <sqlite3.h>
