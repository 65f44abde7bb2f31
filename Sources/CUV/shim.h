// The one header Swift sees for libuv (Debian package libuv1-dev).
#include <uv.h>
