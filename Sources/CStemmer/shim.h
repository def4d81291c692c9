// Debian's libstemmer-dev (Snowball 2.2.0). It ships no pkg-config file: the header is in
// /usr/include and the library in the default search path.
#include <libstemmer.h>
