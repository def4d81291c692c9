// The libvips calls Hexaglot makes, each with its options spelt out (see CVips.h).
#include "CVips.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>
#include <webp/encode.h>

// libvips is opened on first use, not linked: it brings a hundred libraries (cairo, pango,
// HDF5, curl, X11…) whose loading and relocation cost every run 22 ms of CPU and 31 ms of wall
// time, a third of building the department's site, photos or not. A rebuild whose photos are all
// known needs none of it (their facts and keys are in the image facts file). GLib, which the
// digests use, is linked as before.
#define HX_VIPS_FUNCTIONS(X) \
    X(vips_init) X(vips_version_string) X(vips_concurrency_set) X(vips_cache_set_max) X(vips_error_clear) \
    X(vips_foreign_find_load_buffer) X(vips_nickname_find) X(vips_image_new_from_buffer) X(vips_image_get_typeof) \
    X(vips_image_get_int) X(vips_image_get_width) X(vips_image_get_height) X(vips_image_get_n_pages) X(vips_image_hasalpha) \
    X(vips_image_get_interpretation) X(vips_image_get_format) X(vips_image_get_bands) X(vips_colourspace) \
    X(vips_cast_uchar) X(vips_thumbnail_buffer) X(vips_image_write_to_memory) X(vips_image_new_from_memory_copy) \
    X(vips_copy) X(vips_array_double_new) X(vips_flatten) X(vips_area_unref) X(vips_jpegsave_buffer) X(vips_heifsave_buffer) \
    X(vips_pngsave_buffer) X(g_object_ref) X(g_object_unref) X(g_type_from_name)

#define HX_POINTER(name) static __typeof__(name) *hx_##name;
HX_VIPS_FUNCTIONS(HX_POINTER)

// The library's file name (its soname): what Debian's libvips42 installs; HEXAGLOT_LIBVIPS names
// another (a path, or a name the loader finds).
static const char *hx_vips_library = "libvips.so.42";
static char hx_problem_text[512];
static const char *hx_problem;

static void hx_load(void) {
    const char *chosen = getenv("HEXAGLOT_LIBVIPS");
    if (chosen && *chosen) hx_vips_library = chosen;
    void *library = dlopen(hx_vips_library, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *error = dlerror();
        snprintf(hx_problem_text, sizeof hx_problem_text, "libvips could not be loaded (%s)", error ? error : hx_vips_library);
        hx_problem = hx_problem_text;
        return;
    }
#define HX_RESOLVE(name)                                                                                       \
    if (!(hx_##name = (__typeof__(hx_##name))dlsym(library, #name))) {                                         \
        snprintf(hx_problem_text, sizeof hx_problem_text, "libvips %s has no function %s", hx_vips_library, #name); \
        hx_problem = hx_problem_text;                                                                          \
        return;                                                                                                \
    }
    HX_VIPS_FUNCTIONS(HX_RESOLVE)
    // The variant keys name the version hexaglot was compiled with (hx_vips_version): another
    // library could make other bytes under the same keys.
    if (strcmp(hx_vips_version_string(), VIPS_VERSION) != 0) {
        snprintf(hx_problem_text, sizeof hx_problem_text,
            "libvips %s is installed but hexaglot was built with %s: build hexaglot again", hx_vips_version_string(), VIPS_VERSION);
        hx_problem = hx_problem_text;
    }
}

static int hx_loaded(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, hx_load);
    return hx_problem == NULL;
}

const char *hx_vips_problem(void) { return hx_problem; }

struct hx_picture {
    VipsImage *image;  // pixels only, in memory: 8-bit sRGB or grey, with or without alpha
};

int hx_vips_start(void) {
    if (!hx_loaded() || hx_vips_init("hexaglot")) return 0;
    // One image per core is faster than vips' own threads on each image (issue 15's figures),
    // and the caller encodes one image per core.
    hx_vips_concurrency_set(1);
    // vips' operation cache would keep decoded photos alive for the whole build.
    hx_vips_cache_set_max(0);
    return 1;
}

// The version compiled against, without loading the library; hx_vips_start refuses another.
const char *hx_vips_version(void) { return VIPS_VERSION; }

// The error buffer is global: messages from images failing at once on other threads would mix,
// so Hexaglot words its diagnostics itself and only keeps the buffer from growing.
static hx_status failed(hx_status status) {
    hx_vips_error_clear();
    return status;
}

hx_status hx_read_header(const void *bytes, size_t length, hx_image_header *header) {
    memset(header, 0, sizeof *header);
    const char *loader = hx_vips_foreign_find_load_buffer(bytes, length);
    if (!loader) return failed(HX_UNSUPPORTED);
    // The loader's class name ("VipsForeignLoadJpegBuffer") to its nickname ("jpegload_buffer").
    const char *nickname = hx_vips_nickname_find(hx_g_type_from_name(loader));
    g_strlcpy(header->loader, nickname ? nickname : loader, sizeof header->loader);
    VipsImage *image = hx_vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return failed(HX_CORRUPT);
    int orientation = 1;
    if (hx_vips_image_get_typeof(image, VIPS_META_ORIENTATION)) hx_vips_image_get_int(image, VIPS_META_ORIENTATION, &orientation);
    int turned = orientation >= 5 && orientation <= 8;
    header->width = turned ? hx_vips_image_get_height(image) : hx_vips_image_get_width(image);
    header->height = turned ? hx_vips_image_get_width(image) : hx_vips_image_get_height(image);
    header->pages = hx_vips_image_get_n_pages(image);
    header->has_alpha = hx_vips_image_hasalpha(image);
    header->has_profile = hx_vips_image_get_typeof(image, VIPS_META_ICC_NAME) != 0;
    hx_g_object_unref(image);
    return HX_OK;
}

// 8 bits per band in sRGB (or grey) whatever the source's depth.
static VipsImage *eight_bit(VipsImage *image) {
    VipsImage *out = NULL;
    VipsInterpretation interpretation = hx_vips_image_get_interpretation(image);
    if (hx_vips_image_get_format(image) == VIPS_FORMAT_UCHAR
        && (interpretation == VIPS_INTERPRETATION_sRGB || interpretation == VIPS_INTERPRETATION_B_W))
    {
        hx_g_object_ref(image);
        return image;
    }
    int grey = hx_vips_image_get_bands(image) - hx_vips_image_hasalpha(image) == 1;
    if (hx_vips_colourspace(image, &out, grey ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB, NULL)) return NULL;
    if (hx_vips_image_get_format(out) != VIPS_FORMAT_UCHAR) {
        VipsImage *cast = NULL;
        int failed_cast = hx_vips_cast_uchar(out, &cast, NULL);
        hx_g_object_unref(out);
        if (failed_cast) return NULL;
        out = cast;
    }
    return out;
}

// Whether the file embeds an ICC profile (read from its header; no pixel is decoded).
static int has_profile(const void *bytes, size_t length) {
    VipsImage *header = hx_vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!header) return 0;
    int tagged = hx_vips_image_get_typeof(header, VIPS_META_ICC_NAME) != 0;
    hx_g_object_unref(header);
    return tagged;
}

hx_status hx_picture_make(const void *bytes, size_t length, int width, hx_picture **picture) {
    *picture = NULL;
    VipsImage *thumbnail = NULL;
    // A width alone would bound both sides (a portrait would come out narrower): the height is
    // left unbounded and the size only ever goes down. Orientation is vips_thumbnail's default.
    // vips_thumbnail keeps a tagged image in its own colour space (with its profile, which the
    // bare copy below drops: Display P3 numbers shown as sRGB are wrong), so a tagged image is
    // converted to sRGB; an untagged one is left as it is (converting it would assume a profile).
    int status = has_profile(bytes, length)
        ? hx_vips_thumbnail_buffer((void *)bytes, length, &thumbnail, width, "height", 10000000, "size", VIPS_SIZE_DOWN,
              "fail_on", VIPS_FAIL_ON_ERROR, "export_profile", "srgb", NULL)
        : hx_vips_thumbnail_buffer((void *)bytes, length, &thumbnail, width, "height", 10000000, "size", VIPS_SIZE_DOWN,
              "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    if (status) return failed(HX_CORRUPT);
    VipsImage *converted = eight_bit(thumbnail);
    hx_g_object_unref(thumbnail);
    if (!converted) return failed(HX_CORRUPT);
    size_t size = 0;
    void *pixels = hx_vips_image_write_to_memory(converted, &size);
    int w = hx_vips_image_get_width(converted), h = hx_vips_image_get_height(converted), bands = hx_vips_image_get_bands(converted);
    hx_g_object_unref(converted);
    if (!pixels) return failed(HX_CORRUPT);
    // A new image made from the bare pixels has no EXIF, XMP, IPTC or ICC field for any saver to
    // write (Debian's libvips 8.14 WebP saver writes EXIF even with `strip`).
    VipsImage *bare = hx_vips_image_new_from_memory_copy(pixels, size, w, h, bands, VIPS_FORMAT_UCHAR);
    g_free(pixels);
    if (!bare) return failed(HX_CORRUPT);
    VipsImage *tagged = NULL;
    int copy_failed = hx_vips_copy(bare, &tagged, "interpretation", bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W, NULL);
    hx_g_object_unref(bare);
    if (copy_failed) return failed(HX_CORRUPT);
    hx_picture *result = g_new0(hx_picture, 1);
    result->image = tagged;
    *picture = result;
    return HX_OK;
}

int hx_picture_width(const hx_picture *picture) { return hx_vips_image_get_width(picture->image); }
int hx_picture_height(const hx_picture *picture) { return hx_vips_image_get_height(picture->image); }

// WebP through libwebp itself: Debian's libvips 8.14 WebP saver writes an EXIF chunk even with
// `strip` (made up from the image's resolution when it has none), and libwebp's encoder writes the
// bitstream alone, so no chunk of metadata can get in.
static hx_status encode_webp(VipsImage *image, int quality, int effort, void **output, size_t *length) {
    VipsImage *rgb = NULL;
    int bands = hx_vips_image_get_bands(image);
    if (bands < 3) {
        if (hx_vips_colourspace(image, &rgb, VIPS_INTERPRETATION_sRGB, NULL)) return failed(HX_ENCODER);
    } else {
        rgb = hx_g_object_ref(image);
    }
    size_t size = 0;
    uint8_t *pixels = hx_vips_image_write_to_memory(rgb, &size);
    int width = hx_vips_image_get_width(rgb), height = hx_vips_image_get_height(rgb), alpha = hx_vips_image_get_bands(rgb) == 4;
    hx_g_object_unref(rgb);
    if (!pixels) return failed(HX_ENCODER);
    WebPConfig config;
    WebPPicture picture;
    WebPMemoryWriter writer;
    if (!WebPConfigPreset(&config, WEBP_PRESET_PHOTO, (float)quality) || !WebPPictureInit(&picture)) {
        g_free(pixels);
        return HX_ENCODER;
    }
    config.method = effort < 0 ? 0 : effort > 6 ? 6 : effort;
    picture.use_argb = 0;
    picture.width = width;
    picture.height = height;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    int imported = alpha ? WebPPictureImportRGBA(&picture, pixels, width * 4) : WebPPictureImportRGB(&picture, pixels, width * 3);
    g_free(pixels);
    int encoded = imported && WebPEncode(&config, &picture);
    WebPPictureFree(&picture);
    if (!encoded) {
        WebPMemoryWriterClear(&writer);
        return HX_ENCODER;
    }
    // Handed over as GLib memory, like the other encoders' output (freed with hx_free).
    *output = g_memdup2(writer.mem, writer.size);
    *length = writer.size;
    WebPMemoryWriterClear(&writer);
    return HX_OK;
}

hx_status hx_picture_encode(const hx_picture *picture, hx_format format, int quality, int effort, void **output, size_t *length) {
    *output = NULL;
    *length = 0;
    VipsImage *image = picture->image;
    int status = 0;
    switch (format) {
    case HX_JPEG: {
        VipsImage *flat = NULL;
        if (hx_vips_image_hasalpha(image)) {
            double white[] = {255, 255, 255};
            VipsArrayDouble *background = hx_vips_array_double_new(white, hx_vips_image_get_bands(image) - 1);
            status = hx_vips_flatten(image, &flat, "background", background, NULL);
            hx_vips_area_unref(VIPS_AREA(background));
            if (status) return failed(HX_ENCODER);
        } else {
            flat = hx_g_object_ref(image);
        }
        status = hx_vips_jpegsave_buffer(flat, output, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
            "interlace", TRUE, NULL);
        hx_g_object_unref(flat);
        break;
    }
    case HX_WEBP:
        return encode_webp(image, quality, effort, output, length);
    case HX_AVIF:
        status = hx_vips_heifsave_buffer(image, output, length, "Q", quality, "effort", effort, "compression",
            VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "strip", TRUE, NULL);
        break;
    case HX_PNG:
        status = hx_vips_pngsave_buffer(image, output, length, "compression", effort, "strip", TRUE, NULL);
        break;
    default:
        return HX_ENCODER;
    }
    return status ? failed(HX_ENCODER) : HX_OK;
}

void hx_picture_free(hx_picture *picture) {
    if (!picture) return;
    hx_g_object_unref(picture->image);
    g_free(picture);
}

void hx_free(void *pointer) { g_free(pointer); }

void hx_sha256_hex(const void *bytes, size_t length, char hex[65]) {
    GChecksum *checksum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(checksum, bytes, length);
    g_strlcpy(hex, g_checksum_get_string(checksum), 65);
    g_checksum_free(checksum);
}
