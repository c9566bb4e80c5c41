#include "core/util/freedmemory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace advlens::core {

void returnFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace advlens::core
