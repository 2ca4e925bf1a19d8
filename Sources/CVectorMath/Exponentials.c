#include "CVectorMath.h"

#include <immintrin.h>
#include <math.h>
#include <string.h>

/* libmvec's AVX2 expf: the name the x86-64 vector function ABI gives `expf` at eight lanes ('d': AVX2). */
__attribute__((target("avx2,fma"))) __m256 _ZGVdN8v_expf(__m256 x);

__attribute__((target("avx2,fma")))
static void exponentiate_eight_lanes(float *values, int64_t count) {
    int64_t start = 0;
    for (; start + 8 <= count; start += 8) {
        _mm256_storeu_ps(values + start, _ZGVdN8v_expf(_mm256_loadu_ps(values + start)));
    }
    if (start < count) {
        /* The tail goes through the same vector function, so an element's result does not depend on where
           it sits. */
        float lanes[8] = {0};
        size_t rest = (size_t)(count - start);
        memcpy(lanes, values + start, rest * sizeof(float));
        _mm256_storeu_ps(lanes, _ZGVdN8v_expf(_mm256_loadu_ps(lanes)));
        memcpy(values + start, lanes, rest * sizeof(float));
    }
}

static int has_eight_lanes(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

void semhash_exponentiate(float *values, int64_t count) {
    if (count <= 0) return;
    if (has_eight_lanes()) {
        exponentiate_eight_lanes(values, count);
    } else {
        for (int64_t index = 0; index < count; index++) values[index] = expf(values[index]);
    }
}
