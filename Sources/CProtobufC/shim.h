// The one header Swift sees for libprotobuf-c (Debian package libprotobuf-c-dev).
#include <protobuf-c/protobuf-c.h>
