// Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev headers.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
