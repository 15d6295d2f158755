// Non-variadic wrappers around libedit's variadic el_set and history calls,
// which Swift cannot call directly, and el_init, whose stdio arguments are
// globals that Swift 6's strict concurrency will not touch.
#ifndef ALIGN_LIBEDIT_SHIM_H
#define ALIGN_LIBEDIT_SHIM_H

#include <stdio.h>
#include <histedit.h>

typedef char *(*align_prompt_fn)(EditLine *);
typedef unsigned char (*align_key_fn)(EditLine *, int);

static inline EditLine *align_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline History *align_history_init(int size) {
    History *h = history_init();
    HistEvent ev;
    if (h == NULL) return NULL;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}

static inline void align_history_enter(History *h, const char *line) {
    HistEvent ev;
    history(h, &ev, H_ENTER, line);
}

static inline void align_el_setup(EditLine *e, History *h, align_prompt_fn prompt,
                                  align_key_fn complete) {
    el_set(e, EL_EDITOR, "emacs");
    el_set(e, EL_SIGNAL, 1);
    el_set(e, EL_PROMPT, prompt);
    el_set(e, EL_HIST, history, h);
    el_set(e, EL_ADDFN, "align-complete", "Complete a word", complete);
    el_set(e, EL_BIND, "^I", "align-complete", NULL);
    // Up and Down search history by the typed prefix, as psql and zsh users expect.
    el_set(e, EL_BIND, "\033[A", "ed-search-prev-history", NULL);
    el_set(e, EL_BIND, "\033[B", "ed-search-next-history", NULL);
    el_set(e, EL_BIND, "\033OA", "ed-search-prev-history", NULL);
    el_set(e, EL_BIND, "\033OB", "ed-search-next-history", NULL);
    el_source(e, NULL);
}

typedef int (*align_getc_fn)(EditLine *, wchar_t *);

// Reads characters through `getc` (NULL: libedit's own reader).
static inline void align_el_set_getc(EditLine *e, align_getc_fn getc) {
    el_set(e, EL_GETCFN, getc);
}

// Draws the prompt and the line again, after the prompt changed.
static inline void align_el_refresh(EditLine *e) {
    el_set(e, EL_REFRESH);
}

#endif
