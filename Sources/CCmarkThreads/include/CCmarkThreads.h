// Lets cmark-gfm parse inlines on several threads at once (cmark_threads.c says how).
#ifndef HEXAGLOT_CCMARK_THREADS_H
#define HEXAGLOT_CCMARK_THREADS_H

/// The next time a parser adds its extensions' characters to cmark-gfm's table, they stay there.
void hx_cmark_keep_next_inline_characters(void);

/// 1 when the characters are in the table for good: inline parsing no longer writes to it.
int hx_cmark_inline_characters_kept(void);

#endif
