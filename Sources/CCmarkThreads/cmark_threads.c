// cmark-gfm (0.29) keeps the characters that start an extension's inline syntax (`~` for
// strikethrough, `w` and `:` for autolinks) in one table for the whole process. At the start of
// every document's inline phase, cmark_parser_finish adds the attached extensions' characters to
// it, and at the end takes them out again, through this exported function. Two documents parsed
// at once on two threads then race: one's clean-up switches the other's strikethrough and autolinks
// off in the middle of its parse.
//
// Every parser Hexaglot makes attaches the same extensions, so the table can simply keep them: this
// definition, in the executable, takes the place of the library's (the library calls it through
// its procedure linkage table, so the dynamic linker resolves the call to the first definition, this
// one). It passes the first addition on to the library's own function, marks the characters as
// kept, and from then on does nothing: no parse writes to the table again, and inline parsing can
// run on every core. Where the definition is not used (another platform, another linker), nothing
// is kept and the Swift side goes on parsing inlines one document at a time.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>

#include "CCmarkThreads.h"

typedef struct cmark_parser cmark_parser;
typedef void (*manage_function)(cmark_parser *, int);

enum { PASSING = 0, KEEP_NEXT = 1, KEPT = 2 };
static atomic_int state = PASSING;

void cmark_manage_extensions_special_characters(cmark_parser *parser, int add) {
    int now = atomic_load(&state);
    if (now == KEPT) return;
    static manage_function library = NULL;
    if (library == NULL) library = (manage_function)dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
    if (library == NULL) return;
    library(parser, add);
    if (add && now == KEEP_NEXT) atomic_store(&state, KEPT);
}

void hx_cmark_keep_next_inline_characters(void) {
    int expected = PASSING;
    atomic_compare_exchange_strong(&state, &expected, KEEP_NEXT);
}

int hx_cmark_inline_characters_kept(void) {
    return atomic_load(&state) == KEPT;
}
