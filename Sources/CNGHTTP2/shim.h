// The one header Swift sees for libnghttp2 (Debian package libnghttp2-dev).
#include <nghttp2/nghttp2.h>
