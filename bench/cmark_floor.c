/* The floor for `make bench`: cmark-gfm alone, one process, one core, rendering the body of
 * every Markdown file named on standard input (one path a line) with the same extensions and
 * options as Hexaglot. Prints the number of files and bytes rendered. */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *body_of(const char *text) {
    if (strncmp(text, "---\n", 4) != 0) return text;
    const char *end = strstr(text + 4, "\n---\n");
    return end ? end + 5 : text;
}

int main(void) {
    cmark_gfm_core_extensions_ensure_registered();
    const char *names[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};
    char path[4096];
    long files = 0, bytes = 0;
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = 0;
        FILE *file = fopen(path, "rb");
        if (!file) continue;
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        rewind(file);
        char *text = malloc(size + 1);
        size_t got = fread(text, 1, size, file);
        text[got] = 0;
        fclose(file);
        const char *body = body_of(text);
        int options = CMARK_OPT_FOOTNOTES | CMARK_OPT_GITHUB_PRE_LANG;
        cmark_parser *parser = cmark_parser_new(options);
        for (size_t i = 0; i < sizeof names / sizeof *names; i++)
            cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(names[i]));
        cmark_parser_feed(parser, body, strlen(body));
        cmark_node *document = cmark_parser_finish(parser);
        char *html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
        bytes += (long)strlen(html);
        free(html);
        cmark_node_free(document);
        cmark_parser_free(parser);
        free(text);
        files++;
    }
    printf("%ld files, %ld bytes of HTML\n", files, bytes);
    return 0;
}
