#ifndef SEMHASH_CSTEMMER_SHIM_H
#define SEMHASH_CSTEMMER_SHIM_H

#include <libstemmer.h>

#endif
