// The one header Swift sees for zlib (Debian package zlib1g-dev).
#include <zlib.h>
