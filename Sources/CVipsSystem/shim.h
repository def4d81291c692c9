// Debian's libvips-dev (pkg-config name `vips`) and libwebp-dev: their flags reach the CVips C
// target, the only code that includes these headers.
#include <vips/vips.h>
#include <webp/encode.h>
