#ifndef SEMHASH_CICU_H
#define SEMHASH_CICU_H

/*
 * A word segmenter over ICU's word break iterator, with NFKC case folding.
 *
 * This header deliberately exposes only stdint types and an opaque struct: Swift's Foundation bundles
 * its own ICU, and a Swift module that sees both sets of ICU declarations fails to build.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An ICU word break iterator plus the NFKC-casefold normalizer and reusable buffers. Not thread-safe.
typedef struct semhash_word_segmenter semhash_word_segmenter;

/// Called once per word: `word` is the NFKC-casefolded word in UTF-8 (not NUL-terminated), valid only
/// during the call. `kind` is 1 for letters, 2 for kana, 3 for ideographs.
typedef void (*semhash_word_callback)(const uint8_t *word, int32_t length, int32_t kind, void *context);

/// Opens a segmenter for `locale` (e.g. "en"; "" for the root locale). Returns NULL and sets `*error` to
/// the ICU error code on failure.
semhash_word_segmenter *semhash_word_segmenter_open(const char *locale, int32_t *error);

/// Releases the segmenter. Accepts NULL.
void semhash_word_segmenter_close(semhash_word_segmenter *segmenter);

/// Calls `callback` for every word of `text` (UTF-8, `length` bytes) that contains a letter, kana or
/// ideograph; numbers, punctuation and spaces are skipped. Returns 0, or an ICU error code.
int32_t semhash_word_segmenter_segment(semhash_word_segmenter *segmenter, const uint8_t *text, int64_t length,
                                       semhash_word_callback callback, void *context);

/// Returns a short English description of an ICU error code.
const char *semhash_icu_error_name(int32_t error);

#ifdef __cplusplus
}
#endif

#endif
