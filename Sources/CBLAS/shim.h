#ifndef SEMHASH_CBLAS_SHIM_H
#define SEMHASH_CBLAS_SHIM_H

/* The openblas-pthread header, not the alternatives symlink: the alternatives may point at another BLAS. */
#include <x86_64-linux-gnu/openblas-pthread/cblas.h>

/* Stops OpenBLAS's worker threads (it restarts them on the next threaded call); exported, not in cblas.h. */
int blas_thread_shutdown_(void);

/* LAPACK's symmetric eigen-decomposition (LSA's SVD through the Gram matrix, PCA, graph spectra; Fortran calling
   convention, provided by OpenBLAS). */
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);
/* QR factorisation and its explicit orthonormal factor (block subspace iteration of graph spectra). */
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work, const int *lwork,
             int *info);
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda, const double *tau, double *work,
             const int *lwork, int *info);

#endif
