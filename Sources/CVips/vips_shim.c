// The libvips calls Hexaglot makes, each with its options spelt out (see CVips.h).
#include "CVips.h"

#include <string.h>
#include <vips/vips.h>
#include <webp/encode.h>

struct hx_picture {
    VipsImage *image;  // pixels only, in memory: 8-bit sRGB or grey, with or without alpha
};

int hx_vips_start(void) {
    if (VIPS_INIT("hexaglot")) return 0;
    // One image per core is faster than vips' own threads on each image (issue 15's figures),
    // and the caller encodes one image per core.
    vips_concurrency_set(1);
    // vips' operation cache would keep decoded photos alive for the whole build.
    vips_cache_set_max(0);
    return 1;
}

const char *hx_vips_version(void) { return vips_version_string(); }

// The error buffer is global: messages from images failing at once on other threads would mix,
// so Hexaglot words its diagnostics itself and only keeps the buffer from growing.
static hx_status failed(hx_status status) {
    vips_error_clear();
    return status;
}

hx_status hx_read_header(const void *bytes, size_t length, hx_image_header *header) {
    memset(header, 0, sizeof *header);
    const char *loader = vips_foreign_find_load_buffer(bytes, length);
    if (!loader) return failed(HX_UNSUPPORTED);
    // The loader's class name ("VipsForeignLoadJpegBuffer") to its nickname ("jpegload_buffer").
    const char *nickname = vips_nickname_find(g_type_from_name(loader));
    g_strlcpy(header->loader, nickname ? nickname : loader, sizeof header->loader);
    VipsImage *image = vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!image) return failed(HX_CORRUPT);
    int orientation = 1;
    if (vips_image_get_typeof(image, VIPS_META_ORIENTATION)) vips_image_get_int(image, VIPS_META_ORIENTATION, &orientation);
    int turned = orientation >= 5 && orientation <= 8;
    header->width = turned ? vips_image_get_height(image) : vips_image_get_width(image);
    header->height = turned ? vips_image_get_width(image) : vips_image_get_height(image);
    header->pages = vips_image_get_n_pages(image);
    header->has_alpha = vips_image_hasalpha(image);
    header->has_profile = vips_image_get_typeof(image, VIPS_META_ICC_NAME) != 0;
    g_object_unref(image);
    return HX_OK;
}

// 8 bits per band in sRGB (or grey) whatever the source's depth.
static VipsImage *eight_bit(VipsImage *image) {
    VipsImage *out = NULL;
    VipsInterpretation interpretation = vips_image_get_interpretation(image);
    if (vips_image_get_format(image) == VIPS_FORMAT_UCHAR
        && (interpretation == VIPS_INTERPRETATION_sRGB || interpretation == VIPS_INTERPRETATION_B_W))
    {
        g_object_ref(image);
        return image;
    }
    int grey = vips_image_get_bands(image) - vips_image_hasalpha(image) == 1;
    if (vips_colourspace(image, &out, grey ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB, NULL)) return NULL;
    if (vips_image_get_format(out) != VIPS_FORMAT_UCHAR) {
        VipsImage *cast = NULL;
        int failed_cast = vips_cast_uchar(out, &cast, NULL);
        g_object_unref(out);
        if (failed_cast) return NULL;
        out = cast;
    }
    return out;
}

// Whether the file embeds an ICC profile (read from its header; no pixel is decoded).
static int has_profile(const void *bytes, size_t length) {
    VipsImage *header = vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (!header) return 0;
    int tagged = vips_image_get_typeof(header, VIPS_META_ICC_NAME) != 0;
    g_object_unref(header);
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
        ? vips_thumbnail_buffer((void *)bytes, length, &thumbnail, width, "height", 10000000, "size", VIPS_SIZE_DOWN,
              "fail_on", VIPS_FAIL_ON_ERROR, "export_profile", "srgb", NULL)
        : vips_thumbnail_buffer((void *)bytes, length, &thumbnail, width, "height", 10000000, "size", VIPS_SIZE_DOWN,
              "fail_on", VIPS_FAIL_ON_ERROR, NULL);
    if (status) return failed(HX_CORRUPT);
    VipsImage *converted = eight_bit(thumbnail);
    g_object_unref(thumbnail);
    if (!converted) return failed(HX_CORRUPT);
    size_t size = 0;
    void *pixels = vips_image_write_to_memory(converted, &size);
    int w = vips_image_get_width(converted), h = vips_image_get_height(converted), bands = vips_image_get_bands(converted);
    g_object_unref(converted);
    if (!pixels) return failed(HX_CORRUPT);
    // A new image made from the bare pixels has no EXIF, XMP, IPTC or ICC field for any saver to
    // write (Debian's libvips 8.14 WebP saver writes EXIF even with `strip`).
    VipsImage *bare = vips_image_new_from_memory_copy(pixels, size, w, h, bands, VIPS_FORMAT_UCHAR);
    g_free(pixels);
    if (!bare) return failed(HX_CORRUPT);
    VipsImage *tagged = NULL;
    int copy_failed = vips_copy(bare, &tagged, "interpretation", bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W, NULL);
    g_object_unref(bare);
    if (copy_failed) return failed(HX_CORRUPT);
    hx_picture *result = g_new0(hx_picture, 1);
    result->image = tagged;
    *picture = result;
    return HX_OK;
}

int hx_picture_width(const hx_picture *picture) { return vips_image_get_width(picture->image); }
int hx_picture_height(const hx_picture *picture) { return vips_image_get_height(picture->image); }

// WebP through libwebp itself: Debian's libvips 8.14 WebP saver writes an EXIF chunk even with
// `strip` (made up from the image's resolution when it has none), and libwebp's encoder writes the
// bitstream alone, so no chunk of metadata can get in.
static hx_status encode_webp(VipsImage *image, int quality, int effort, void **output, size_t *length) {
    VipsImage *rgb = NULL;
    int bands = vips_image_get_bands(image);
    if (bands < 3) {
        if (vips_colourspace(image, &rgb, VIPS_INTERPRETATION_sRGB, NULL)) return failed(HX_ENCODER);
    } else {
        rgb = g_object_ref(image);
    }
    size_t size = 0;
    uint8_t *pixels = vips_image_write_to_memory(rgb, &size);
    int width = vips_image_get_width(rgb), height = vips_image_get_height(rgb), alpha = vips_image_get_bands(rgb) == 4;
    g_object_unref(rgb);
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
        if (vips_image_hasalpha(image)) {
            double white[] = {255, 255, 255};
            VipsArrayDouble *background = vips_array_double_new(white, vips_image_get_bands(image) - 1);
            status = vips_flatten(image, &flat, "background", background, NULL);
            vips_area_unref(VIPS_AREA(background));
            if (status) return failed(HX_ENCODER);
        } else {
            flat = g_object_ref(image);
        }
        status = vips_jpegsave_buffer(flat, output, length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE,
            "interlace", TRUE, NULL);
        g_object_unref(flat);
        break;
    }
    case HX_WEBP:
        return encode_webp(image, quality, effort, output, length);
    case HX_AVIF:
        status = vips_heifsave_buffer(image, output, length, "Q", quality, "effort", effort, "compression",
            VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "strip", TRUE, NULL);
        break;
    case HX_PNG:
        status = vips_pngsave_buffer(image, output, length, "compression", effort, "strip", TRUE, NULL);
        break;
    default:
        return HX_ENCODER;
    }
    return status ? failed(HX_ENCODER) : HX_OK;
}

void hx_picture_free(hx_picture *picture) {
    if (!picture) return;
    g_object_unref(picture->image);
    g_free(picture);
}

void hx_free(void *pointer) { g_free(pointer); }

void hx_sha256_hex(const void *bytes, size_t length, char hex[65]) {
    GChecksum *checksum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(checksum, bytes, length);
    g_strlcpy(hex, g_checksum_get_string(checksum), 65);
    g_checksum_free(checksum);
}
