#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

struct semhash_word_segmenter {
    UBreakIterator *iterator;
    const UNormalizer2 *casefold;
    UChar *raw;         /* the word as UTF-16 */
    UChar *folded;      /* the word after NFKC casefold */
    char *utf8;         /* the folded word as UTF-8 */
    int32_t capacity;   /* capacity, in code units, of each of the three buffers */
};

static int reserve(semhash_word_segmenter *s, int32_t needed) {
    if (needed <= s->capacity) return 1;
    int32_t capacity = s->capacity;
    while (capacity < needed) capacity *= 2;
    UChar *raw = realloc(s->raw, sizeof(UChar) * (size_t)capacity);
    if (!raw) return 0;
    s->raw = raw;
    UChar *folded = realloc(s->folded, sizeof(UChar) * (size_t)capacity);
    if (!folded) return 0;
    s->folded = folded;
    char *utf8 = realloc(s->utf8, 3 * (size_t)capacity);
    if (!utf8) return 0;
    s->utf8 = utf8;
    s->capacity = capacity;
    return 1;
}

semhash_word_segmenter *semhash_word_segmenter_open(const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    semhash_word_segmenter *s = calloc(1, sizeof(semhash_word_segmenter));
    if (!s) { *error = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    s->iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_SUCCESS(status)) s->casefold = unorm2_getNFKCCasefoldInstance(&status);
    s->capacity = 64;
    s->raw = malloc(sizeof(UChar) * 64);
    s->folded = malloc(sizeof(UChar) * 64);
    s->utf8 = malloc(3 * 64);
    if (U_SUCCESS(status) && (!s->raw || !s->folded || !s->utf8)) status = U_MEMORY_ALLOCATION_ERROR;
    if (U_FAILURE(status)) {
        *error = status;
        semhash_word_segmenter_close(s);
        return NULL;
    }
    *error = 0;
    return s;
}

void semhash_word_segmenter_close(semhash_word_segmenter *s) {
    if (!s) return;
    if (s->iterator) ubrk_close(s->iterator);
    free(s->raw);
    free(s->folded);
    free(s->utf8);
    free(s);
}

/* Whether bytes [start, end) of `text` (UTF-8) contain an alphabetic character. */
static int contains_letter(const uint8_t *text, int32_t start, int32_t end) {
    int32_t i = start;
    while (i < end) {
        UChar32 c;
        U8_NEXT(text, i, end, c);
        if (c >= 0 && u_isUAlphabetic(c)) return 1;
    }
    return 0;
}

/* The kind of the word [start, end): ICU's rule status, except that ICU tags words made of letters and
   digits such as "abc123" or "x86" as numbers; those count as letter words. */
static int32_t word_kind(int32_t status, const uint8_t *text, int32_t start, int32_t end) {
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT) return 1;
    if (status >= UBRK_WORD_KANA && status < UBRK_WORD_KANA_LIMIT) return 2;
    if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT) return 3;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT && contains_letter(text, start, end)) return 1;
    return 0;
}

/* Casefolds bytes [start, end) of `text` into s->utf8: ASCII words directly, others by converting to UTF-16,
   applying ICU's NFKC casefold and converting back to UTF-8. */
static int32_t fold_word(semhash_word_segmenter *s, const uint8_t *text, int32_t start, int32_t end,
                         int32_t *out_length) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t byte_length = end - start;
    /* NFKC casefold can expand a code unit up to 18-fold in pathological cases; grow and retry on overflow. */
    if (!reserve(s, byte_length * 3 + 16)) return U_MEMORY_ALLOCATION_ERROR;
    /* Fast path: the NFKC casefold of ASCII maps A-Z to a-z and keeps every other ASCII character. */
    int ascii = 1;
    for (int32_t i = start; i < end; i++) {
        if (text[i] >= 0x80) { ascii = 0; break; }
    }
    if (ascii) {
        for (int32_t i = 0; i < byte_length; i++) {
            uint8_t c = text[start + i];
            s->utf8[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        *out_length = byte_length;
        return 0;
    }
    int32_t raw_length = 0;
    u_strFromUTF8WithSub(s->raw, s->capacity, &raw_length, (const char *)text + start, byte_length, 0xFFFD, NULL,
                         &status);
    if (U_FAILURE(status)) return status;
    int32_t folded_length = unorm2_normalize(s->casefold, s->raw, raw_length, s->folded, s->capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        if (!reserve(s, folded_length + 16)) return U_MEMORY_ALLOCATION_ERROR;
        u_strFromUTF8WithSub(s->raw, s->capacity, &raw_length, (const char *)text + start, byte_length, 0xFFFD,
                             NULL, &status);
        folded_length = unorm2_normalize(s->casefold, s->raw, raw_length, s->folded, s->capacity, &status);
    }
    if (U_FAILURE(status)) return status;
    int32_t utf8_length = 0;
    u_strToUTF8(s->utf8, 3 * s->capacity, &utf8_length, s->folded, folded_length, &status);
    if (U_FAILURE(status) && status != U_STRING_NOT_TERMINATED_WARNING) return status;
    *out_length = utf8_length;
    return 0;
}

int32_t semhash_word_segmenter_segment(semhash_word_segmenter *s, const uint8_t *text, int64_t length,
                                       semhash_word_callback callback, void *context) {
    UErrorCode status = U_ZERO_ERROR;
    UText *utext = utext_openUTF8(NULL, (const char *)text, length, &status);
    if (U_FAILURE(status)) return status;
    ubrk_setUText(s->iterator, utext, &status);
    if (U_FAILURE(status)) { utext_close(utext); return status; }
    int32_t start = ubrk_first(s->iterator);
    int32_t result = 0;
    for (int32_t end = ubrk_next(s->iterator); end != UBRK_DONE; start = end, end = ubrk_next(s->iterator)) {
        int32_t kind = word_kind(ubrk_getRuleStatus(s->iterator), text, start, end);
        if (kind == 0) continue;
        int32_t folded_length = 0;
        result = fold_word(s, text, start, end, &folded_length);
        if (result != 0) break;
        callback((const uint8_t *)s->utf8, folded_length, kind, context);
    }
    utext_close(utext);
    return result;
}

const char *semhash_icu_error_name(int32_t error) { return u_errorName((UErrorCode)error); }
