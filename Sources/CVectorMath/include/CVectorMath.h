#ifndef SEMHASH_CVECTORMATH_H
#define SEMHASH_CVECTORMATH_H

/*
 * Exponentials of whole arrays through glibc's vector math library (libmvec), eight floats at a time where
 * the CPU has AVX2 and FMA, and through the scalar expf elsewhere. The softmax and logistic units of
 * training call expf once per element; libmvec's vector expf does eight in about the time of one.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// values[i] = exp(values[i]) for i in 0..<count. Each element's result depends only on its value and on
/// whether the CPU has AVX2 and FMA (not on its position or on count), within libmvec's 4 ulp of the exact
/// exponential.
void semhash_exponentiate(float *values, int64_t count);

#ifdef __cplusplus
}
#endif

#endif
