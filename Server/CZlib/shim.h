#pragma once
#include <zlib.h>

// deflateInit is a macro (it passes ZLIB_VERSION and sizeof(z_stream)), which Swift cannot import.
static inline int aureus_deflate_init(z_streamp stream, int level) {
    return deflateInit(stream, level);
}

// inflateInit is a macro for the same reason.
static inline int aureus_inflate_init(z_streamp stream) {
    return inflateInit(stream);
}
