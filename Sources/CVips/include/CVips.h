// Hexaglot's non-variadic face of libvips: Swift cannot call the variadic vips_* functions, so
// every call Hexaglot makes is one of these, with its options fixed in vips_shim.c.
#ifndef HEXAGLOT_CVIPS_H
#define HEXAGLOT_CVIPS_H

#include <stddef.h>

/// What an image file says about itself before any pixel is decoded.
typedef struct {
    int width;  // as shown: after its EXIF orientation
    int height;
    int pages;  // frames: more than one for an animated GIF or WebP
    int has_alpha;
    int has_profile;  // an embedded ICC profile
    char loader[48];  // the vips loader that reads it, e.g. "jpegload_buffer"
} hx_image_header;

typedef enum {
    HX_OK = 0,
    HX_UNSUPPORTED = 1,  // no loader recognises the bytes
    HX_CORRUPT = 2,      // a loader recognises them but cannot decode them (corrupt, truncated)
    HX_ENCODER = 3,      // an encoder failed
} hx_status;

typedef enum { HX_JPEG = 0, HX_WEBP = 1, HX_AVIF = 2, HX_PNG = 3 } hx_format;

/// A resized image held in memory with no metadata at all, ready to be encoded.
typedef struct hx_picture hx_picture;

/// Starts libvips once per process; 0 when it could not start.
int hx_vips_start(void);
/// Why libvips cannot be used (not installed, or not the version hexaglot was built with), once
/// hx_vips_start has failed; NULL otherwise.
const char *hx_vips_problem(void);
/// The libvips version hexaglot was compiled with, e.g. "8.14.1", part of every cache key
/// (the library itself is opened only when an image must be read or encoded).
const char *hx_vips_version(void);

/// Reads the header of an image held in `bytes` (not copied; only read during the call).
hx_status hx_read_header(const void *bytes, size_t length, hx_image_header *header);

/// Decodes, applies the EXIF orientation, converts to sRGB when the file has a profile, and
/// shrinks to `width` (never enlarges); the result keeps pixels only.
hx_status hx_picture_make(const void *bytes, size_t length, int width, hx_picture **picture);
int hx_picture_width(const hx_picture *picture);
int hx_picture_height(const hx_picture *picture);
/// Encodes a picture; `*output` is freed with hx_free. JPEG has any alpha flattened onto white;
/// for PNG, `effort` is the zlib compression level and `quality` is not used.
hx_status hx_picture_encode(const hx_picture *picture, hx_format format, int quality, int effort, void **output, size_t *length);
void hx_picture_free(hx_picture *picture);
void hx_free(void *pointer);
/// SHA-256 of `bytes` as 64 hexadecimal digits and a NUL in `hex` (GLib's, in C: photos are large).
void hx_sha256_hex(const void *bytes, size_t length, char hex[65]);

#endif
