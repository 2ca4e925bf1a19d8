#ifndef SEMHASH_CBLAS_SHIM_H
#define SEMHASH_CBLAS_SHIM_H

/* The openblas-pthread header, not the alternatives symlink: the alternatives may point at another BLAS. */
#include <x86_64-linux-gnu/openblas-pthread/cblas.h>

/* Stops OpenBLAS's worker threads (it restarts them on the next threaded call); exported, not in cblas.h. */
int blas_thread_shutdown_(void);

/* LAPACK routines used for SVD, eigen-decompositions and QR (Fortran calling convention, provided by OpenBLAS). */
void ssyevd_(const char *jobz, const char *uplo, const int *n, float *a, const int *lda, float *w,
             float *work, const int *lwork, int *iwork, const int *liwork, int *info);
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);
void sgesdd_(const char *jobz, const int *m, const int *n, float *a, const int *lda, float *s,
             float *u, const int *ldu, float *vt, const int *ldvt, float *work, const int *lwork,
             int *iwork, int *info);
/* QR factorisation and its explicit orthonormal factor (block subspace iteration of graph spectra). */
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work, const int *lwork,
             int *info);
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda, const double *tau, double *work,
             const int *lwork, int *info);

#endif
