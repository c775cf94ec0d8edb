/*
 * framing._speedups: the matcher's per-character and per-hit work, in C.
 *
 * Optional: framing runs the same rules in pure Python when this module is not
 * built (framing.match.SPEEDUPS tells which).  Every function here has a
 * Python twin in framing/text.py or framing/match.py; tests/test_speedups.py
 * checks that both give identical results, on the seeds, on edge-case articles
 * and on random text.
 *
 * Contents
 *   fold            the normalised layer, one character at a time (text.normalize)
 *   Automaton       Aho-Corasick over the layer, hit filtering, longest match
 *                   (match.CompiledLexicon.scan_normalized)
 *   sentence_spans  text.sentence_spans / _sentence_breaks (the two regexes)
 *   paragraph_of, paragraph_quotes   text.paragraph_of / paragraph_quotes
 *   match_batch     match._Columns without actors: every article of a list in
 *                   one call, returning column buffers
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

/* ------------------------------------------------------------------------- */
/* Growable int64 vector                                                      */
/* ------------------------------------------------------------------------- */

typedef struct {
    int64_t *v;
    Py_ssize_t n, cap;
} Vec;

/* Double the capacity of a growable array of `item`-byte elements. */
static int grow(void **v, Py_ssize_t *cap, size_t item) {
    Py_ssize_t c = *cap ? *cap * 2 : 64;
    void *p = PyMem_Realloc(*v, (size_t)c * item);
    if (!p) { PyErr_NoMemory(); return -1; }
    *v = p;
    *cap = c;
    return 0;
}

static int vec_push(Vec *a, int64_t x) {
    if (a->n == a->cap && grow((void **)&a->v, &a->cap, sizeof(int64_t)) < 0) return -1;
    a->v[a->n++] = x;
    return 0;
}

static void vec_free(Vec *a) { PyMem_Free(a->v); a->v = NULL; a->n = a->cap = 0; }

/* ------------------------------------------------------------------------- */
/* Text view                                                                  */
/* ------------------------------------------------------------------------- */

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t len;
} View;

#define CH(v, i) PyUnicode_READ((v)->kind, (v)->data, (i))

static int view_of(PyObject *s, View *v) {
    if (!PyUnicode_Check(s)) {
        PyErr_SetString(PyExc_TypeError, "expected str");
        return -1;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(s) < 0) return -1;
#endif
    v->kind = PyUnicode_KIND(s);
    v->data = PyUnicode_DATA(s);
    v->len = PyUnicode_GET_LENGTH(s);
    return 0;
}

static uint8_t ascii_class[128];   /* bit 1: alphanumeric, bit 2: white space (set at import) */
static inline int is_word(Py_UCS4 c) { return c < 128 ? (c == '_' || (ascii_class[c] & 1)) : Py_UNICODE_ISALNUM(c); }
static inline int is_space(Py_UCS4 c) { return c < 128 ? (ascii_class[c] & 2) : Py_UNICODE_ISSPACE(c); }
static inline int in_set(Py_UCS4 c, const Py_UCS4 *set) {
    for (; *set; set++) if (*set == c) return 1;
    return 0;
}

/* ------------------------------------------------------------------------- */
/* Folding: one character of the normalised layer                            */
/* ------------------------------------------------------------------------- */

#define FOLD_UNKNOWN 0u
#define FOLD_INVISIBLE 0xFFFFFFFFu

static uint8_t ascii_fold[128];          /* a-z0-9 kept, A-Z lowered, else ' ' */
static Py_UCS4 *bmp_fold = NULL;         /* cache for U+0080..U+FFFF */
static PyObject *fold_func = NULL;       /* framing.text._fold_for_c */

/* The folded code point of a non-ASCII character, or FOLD_INVISIBLE; 0 on error. */
static Py_UCS4 fold_slow(Py_UCS4 c) {
    if (!fold_func) {
        PyErr_SetString(PyExc_RuntimeError, "framing._speedups: set_fold was not called");
        return 0;
    }
    PyObject *ch = PyUnicode_FromOrdinal(c);
    if (!ch) return 0;
    PyObject *r = PyObject_CallOneArg(fold_func, ch);
    Py_DECREF(ch);
    if (!r) return 0;
    Py_UCS4 f;
    if (!PyUnicode_Check(r) || PyUnicode_GET_LENGTH(r) > 1) {
        Py_DECREF(r);
        PyErr_SetString(PyExc_TypeError, "fold function must return a str of length <= 1");
        return 0;
    }
    f = PyUnicode_GET_LENGTH(r) == 0 ? FOLD_INVISIBLE : PyUnicode_READ_CHAR(r, 0);
    Py_DECREF(r);
    if (f < 128) f = ascii_fold[f];  /* "⑴" folds to "(", "ℌ" to "H": the layer holds " ", "h" */
    return f;
}

static inline Py_UCS4 fold_char(Py_UCS4 c) {
    if (c < 128) return ascii_fold[c];
    if (c < 0x10000) {
        Py_UCS4 f = bmp_fold[c];
        if (f != FOLD_UNKNOWN) return f;
        f = fold_slow(c);
        if (f) bmp_fold[c] = f;
        return f;
    }
    return fold_slow(c);
}

/* ------------------------------------------------------------------------- */
/* Automaton                                                                  */
/* ------------------------------------------------------------------------- */

#define SYM_OTHER 0
#define SYM_SPACE 1
#define PF_EXCEPTION 1
#define PF_WILDCARD 2
#define PF_MULTI 4
#define DFA_MAX_CELLS (48 * 1000 * 1000)
#define STATE_OUT 0x80000000u

typedef struct {
    PyObject_HEAD
    int32_t n_states, cap_states, n_syms, stride;
    uint8_t ascii_sym[128];
    Py_UCS4 *na_cp;          /* sorted non-ASCII code points of the alphabet */
    int32_t *na_sym;
    Py_ssize_t n_na;
    int32_t *first_child, *next_sibling, *fail, *out, *dict;
    uint16_t *sym;
    int32_t *root_next;      /* dense row of the root */
    uint32_t *delta;         /* full transition table (rows of `stride`, 64-byte aligned), or NULL */
    void *delta_base;        /* what to free */
    int32_t n_pat, max_len;
    int32_t *pat_entry, *pat_len;
    uint8_t *pat_flags, *pat_prio;
    Py_ssize_t n_entries;
    uint8_t *case_sensitive;
    PyObject *case_check;    /* callable(text, start, end, entry) -> bool */
} Automaton;

static void auto_dealloc(Automaton *a) {
    PyMem_Free(a->na_cp); PyMem_Free(a->na_sym);
    PyMem_Free(a->first_child); PyMem_Free(a->next_sibling); PyMem_Free(a->fail);
    PyMem_Free(a->out); PyMem_Free(a->dict); PyMem_Free(a->sym); PyMem_Free(a->root_next);
    PyMem_Free(a->delta_base); PyMem_Free(a->pat_entry); PyMem_Free(a->pat_len);
    PyMem_Free(a->pat_flags); PyMem_Free(a->pat_prio); PyMem_Free(a->case_sensitive);
    Py_XDECREF(a->case_check);
    Py_TYPE(a)->tp_free((PyObject *)a);
}

static inline int32_t sym_of(const Automaton *a, Py_UCS4 f) {
    if (f < 128) return a->ascii_sym[f];
    Py_ssize_t lo = 0, hi = a->n_na;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (a->na_cp[mid] < f) lo = mid + 1; else hi = mid;
    }
    return (lo < a->n_na && a->na_cp[lo] == f) ? a->na_sym[lo] : SYM_OTHER;
}

static int32_t child_of(const Automaton *a, int32_t s, int32_t c) {
    if (s == 0) return a->root_next[c];
    for (int32_t k = a->first_child[s]; k >= 0; k = a->next_sibling[k])
        if (a->sym[k] == c) return k;
    return -1;
}

static int grow_states(Automaton *a) {
    int32_t cap = a->cap_states ? a->cap_states * 2 : 1024;
#define GROW(field, type) do { type *p = (type *)PyMem_Realloc(a->field, (size_t)cap * sizeof(type)); \
        if (!p) { PyErr_NoMemory(); return -1; } a->field = p; } while (0)
    GROW(first_child, int32_t); GROW(next_sibling, int32_t); GROW(out, int32_t); GROW(sym, uint16_t);
#undef GROW
    a->cap_states = cap;
    return 0;
}

static int32_t new_state(Automaton *a, int32_t c) {
    if (a->n_states == a->cap_states && grow_states(a) < 0) return -1;
    int32_t s = a->n_states++;
    a->first_child[s] = -1; a->next_sibling[s] = -1; a->out[s] = -1; a->sym[s] = (uint16_t)c;
    return s;
}

static int cmp_ucs4(const void *x, const void *y) {
    Py_UCS4 a = *(const Py_UCS4 *)x, b = *(const Py_UCS4 *)y;
    return a < b ? -1 : a > b;
}

/* Automaton(patterns, case_sensitive, case_check)
 *   patterns: list of (key, (entry, exception, priority, length, wildcard, multiword))
 *   case_sensitive: bytes, one flag per lexicon entry
 *   case_check: callable(text, start, end, entry) -> bool, for case-sensitive entries
 *   dense: build the full transition table when it fits (False: failure links only, for tests) */
static PyObject *auto_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
    PyObject *pats, *cs, *check;
    int dense = 1;
    static char *kwlist[] = {"patterns", "case_sensitive", "case_check", "dense", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!SO|p:Automaton", kwlist, &PyList_Type, &pats, &cs, &check,
                                     &dense))
        return NULL;
    Automaton *a = (Automaton *)type->tp_alloc(type, 0);
    if (!a) return NULL;
    Py_INCREF(check);
    a->case_check = check;
    a->n_entries = PyBytes_GET_SIZE(cs);
    a->case_sensitive = (uint8_t *)PyMem_Malloc(a->n_entries + 1);
    if (!a->case_sensitive) goto nomem;
    memcpy(a->case_sensitive, PyBytes_AS_STRING(cs), a->n_entries);
    Py_ssize_t n = PyList_GET_SIZE(pats);
    a->n_pat = (int32_t)n;
    a->pat_entry = PyMem_Malloc((n + 1) * sizeof(int32_t));
    a->pat_len = PyMem_Malloc((n + 1) * sizeof(int32_t));
    a->pat_flags = PyMem_Malloc(n + 1);
    a->pat_prio = PyMem_Malloc(n + 1);
    if (!a->pat_entry || !a->pat_len || !a->pat_flags || !a->pat_prio) goto nomem;

    /* Alphabet: space, ASCII letters/digits and the non-ASCII characters of the keys. */
    memset(a->ascii_sym, SYM_OTHER, sizeof a->ascii_sym);
    int32_t n_syms = 2;
    Py_ssize_t na_cap = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(pats, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(item, 0))) {
            PyErr_SetString(PyExc_TypeError, "patterns must be (str, tuple) pairs");
            goto fail;
        }
        View v;
        if (view_of(PyTuple_GET_ITEM(item, 0), &v) < 0) goto fail;
        for (Py_ssize_t k = 0; k < v.len; k++) {
            Py_UCS4 c = CH(&v, k);
            if (c < 128) continue;
            if (a->n_na == na_cap) {
                na_cap = na_cap ? na_cap * 2 : 16;
                Py_UCS4 *p = PyMem_Realloc(a->na_cp, na_cap * sizeof(Py_UCS4));
                if (!p) goto nomem;
                a->na_cp = p;
            }
            a->na_cp[a->n_na++] = c;
        }
    }
    /* Letters in order of English frequency: with rows aligned to cache lines, the
     * transitions the scan takes most often share the first line of each row. */
    for (const char *l = "etaoinshrdlcumwfgypbvkjxqz"; *l; l++) a->ascii_sym[(int)*l] = (uint8_t)n_syms++;
    for (int c = '0'; c <= '9'; c++) a->ascii_sym[c] = (uint8_t)n_syms++;
    a->ascii_sym[' '] = SYM_SPACE;  /* keys and scanned text are folded first: no capitals here */
    if (a->n_na) {
        qsort(a->na_cp, a->n_na, sizeof(Py_UCS4), cmp_ucs4);
        Py_ssize_t u = 0;
        for (Py_ssize_t i = 0; i < a->n_na; i++)
            if (u == 0 || a->na_cp[u - 1] != a->na_cp[i]) a->na_cp[u++] = a->na_cp[i];
        a->n_na = u;
        a->na_sym = PyMem_Malloc(u * sizeof(int32_t));
        if (!a->na_sym) goto nomem;
        for (Py_ssize_t i = 0; i < u; i++) a->na_sym[i] = n_syms++;
        if (n_syms > 65535) {
            PyErr_SetString(PyExc_ValueError, "lexicon alphabet too large");
            goto fail;
        }
    }
    a->n_syms = n_syms;
    a->root_next = PyMem_Malloc(n_syms * sizeof(int32_t));
    if (!a->root_next) goto nomem;
    for (int32_t c = 0; c < n_syms; c++) a->root_next[c] = -1;
    if (new_state(a, 0) < 0) goto fail;

    /* Trie */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(pats, i);
        PyObject *pat = PyTuple_GET_ITEM(item, 1);
        if (!PyTuple_Check(pat) || PyTuple_GET_SIZE(pat) != 6) {
            PyErr_SetString(PyExc_TypeError, "pattern payload must be a 6-tuple");
            goto fail;
        }
        long entry, prio, length;
        int exc, wild, multi;
        if ((entry = PyLong_AsLong(PyTuple_GET_ITEM(pat, 0))) == -1 && PyErr_Occurred()) goto fail;
        if ((prio = PyLong_AsLong(PyTuple_GET_ITEM(pat, 2))) == -1 && PyErr_Occurred()) goto fail;
        if ((length = PyLong_AsLong(PyTuple_GET_ITEM(pat, 3))) == -1 && PyErr_Occurred()) goto fail;
        if ((exc = PyObject_IsTrue(PyTuple_GET_ITEM(pat, 1))) < 0) goto fail;
        if ((wild = PyObject_IsTrue(PyTuple_GET_ITEM(pat, 4))) < 0) goto fail;
        if ((multi = PyObject_IsTrue(PyTuple_GET_ITEM(pat, 5))) < 0) goto fail;
        if (entry < 0 || entry >= a->n_entries || prio < 0 || prio > 255 ||
            length != PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(item, 0)) || length < 2) {
            PyErr_Format(PyExc_ValueError, "bad pattern %R (entry, priority or length out of range)", item);
            goto fail;
        }
        a->pat_entry[i] = (int32_t)entry;
        a->pat_len[i] = (int32_t)length;
        if (length > a->max_len) a->max_len = (int32_t)length;
        a->pat_prio[i] = (uint8_t)prio;
        a->pat_flags[i] = (exc ? PF_EXCEPTION : 0) | (wild ? PF_WILDCARD : 0) | (multi ? PF_MULTI : 0);
        View v;
        if (view_of(PyTuple_GET_ITEM(item, 0), &v) < 0) goto fail;
        int32_t s = 0;
        for (Py_ssize_t k = 0; k < v.len; k++) {
            int32_t c = sym_of(a, CH(&v, k));
            int32_t t = child_of(a, s, c);
            if (t < 0) {
                t = new_state(a, c);
                if (t < 0) goto fail;
                if (s == 0) a->root_next[c] = t;
                else { a->next_sibling[t] = a->first_child[s]; a->first_child[s] = t; }
            }
            s = t;
        }
        a->out[s] = (int32_t)i;
    }

    /* Failure and dictionary links, breadth first */
    int32_t ns = a->n_states;
    a->fail = PyMem_Malloc(ns * sizeof(int32_t));
    a->dict = PyMem_Malloc(ns * sizeof(int32_t));
    int32_t *queue = PyMem_Malloc(ns * sizeof(int32_t));
    if (!a->fail || !a->dict || !queue) { PyMem_Free(queue); goto nomem; }
    int32_t qh = 0, qt = 0;
    a->fail[0] = 0; a->dict[0] = -1;
    for (int32_t c = 0; c < n_syms; c++) {
        int32_t t = a->root_next[c];
        if (t >= 0) { a->fail[t] = 0; a->dict[t] = -1; queue[qt++] = t; }
    }
    while (qh < qt) {
        int32_t u = queue[qh++];
        for (int32_t v = a->first_child[u]; v >= 0; v = a->next_sibling[v]) {
            int32_t c = a->sym[v], f = a->fail[u], g;
            for (;;) {
                g = child_of(a, f, c);
                if (g >= 0 || f == 0) break;
                f = a->fail[f];
            }
            a->fail[v] = g >= 0 ? g : 0;
            int32_t fv = a->fail[v];
            a->dict[v] = a->out[fv] >= 0 ? fv : a->dict[fv];
            queue[qt++] = v;
        }
    }
    /* Full transition table when it fits, with the states renumbered breadth first:
     * the shallow states, where the scan spends most of its time, share cache lines. */
    int32_t stride = (n_syms + 15) / 16 * 16;
    if (dense && (int64_t)ns * stride <= DFA_MAX_CELLS) {
        void *base = PyMem_Malloc((size_t)ns * stride * sizeof(uint32_t) + 64);
        uint32_t *delta = base ? (uint32_t *)(((uintptr_t)base + 63) & ~(uintptr_t)63) : NULL;
        int32_t *newid = PyMem_Malloc(ns * sizeof(int32_t));
        int32_t *out2 = PyMem_Malloc(ns * sizeof(int32_t));
        int32_t *dict2 = PyMem_Malloc(ns * sizeof(int32_t));
        if (delta && newid && out2 && dict2) {
            newid[0] = 0;
            for (int32_t i = 0; i < qt; i++) newid[queue[i]] = i + 1;
            out2[0] = a->out[0];
            dict2[0] = -1;
            for (int32_t i = 0; i < qt; i++) {
                int32_t u = queue[i], k = i + 1;
                out2[k] = a->out[u];
                dict2[k] = a->dict[u] >= 0 ? newid[a->dict[u]] : -1;
            }
            /* a cell holds the next state, with STATE_OUT set when that state reports hits */
#define CELL(u) ((uint32_t)newid[u] | (out2[newid[u]] >= 0 || dict2[newid[u]] >= 0 ? STATE_OUT : 0u))
            memset(delta, 0, (size_t)stride * sizeof(uint32_t));
            for (int32_t c = 0; c < n_syms; c++) delta[c] = a->root_next[c] >= 0 ? CELL(a->root_next[c]) : 0;
            for (int32_t i = 0; i < qt; i++) {
                int32_t u = queue[i], k = i + 1;
                uint32_t *row = delta + (size_t)k * stride;
                memcpy(row, delta + (size_t)newid[a->fail[u]] * stride, stride * sizeof(uint32_t));
                for (int32_t v = a->first_child[u]; v >= 0; v = a->next_sibling[v]) row[a->sym[v]] = CELL(v);
            }
#undef CELL
            a->delta = delta;
            a->delta_base = base;
            a->stride = stride;
            PyMem_Free(a->out); a->out = out2;
            PyMem_Free(a->dict); a->dict = dict2;
            base = NULL; out2 = dict2 = NULL;
        }
        PyMem_Free(base); PyMem_Free(newid); PyMem_Free(out2); PyMem_Free(dict2);
    }
    PyMem_Free(queue);
    return (PyObject *)a;
nomem:
    PyErr_NoMemory();
fail:
    Py_DECREF(a);
    return NULL;
}

/* The next state, with STATE_OUT set when it reports hits. */
static inline uint32_t auto_step(const Automaton *a, int32_t s, int32_t c) {
    if (a->delta) return a->delta[(size_t)s * a->stride + c];
    if (c == SYM_OTHER) return 0;
    for (;;) {
        int32_t t = child_of(a, s, c);
        if (t >= 0) return (uint32_t)t | (a->out[t] >= 0 || a->dict[t] >= 0 ? STATE_OUT : 0u);
        if (s == 0) return 0;
        s = a->fail[s];
    }
}

/* A candidate hit */
typedef struct { int64_t start, end; int32_t entry, prio; } Hit;

typedef struct { Hit *v; Py_ssize_t n, cap; } HitVec;

static int hit_push(HitVec *h, Hit x) {
    if (h->n == h->cap && grow((void **)&h->v, &h->cap, sizeof(Hit)) < 0) return -1;
    h->v[h->n++] = x;
    return 0;
}

static int cmp_hit(const void *x, const void *y) {  /* (start, end, entry, prio) */
    const Hit *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    if (a->entry != b->entry) return a->entry < b->entry ? -1 : 1;
    return (a->prio > b->prio) - (a->prio < b->prio);
}

static int cmp_longest(const void *x, const void *y) {  /* (start-end, start, -prio, entry) */
    const Hit *a = x, *b = y;
    int64_t la = a->start - a->end, lb = b->start - b->end;
    if (la != lb) return la < lb ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->prio != b->prio) return a->prio > b->prio ? -1 : 1;
    return (a->entry > b->entry) - (a->entry < b->entry);
}

static const Py_UCS4 GAP_EXTRA[] = {'\'', 0x2019, '-', 0x2010, 0x2011, 0x2013, 0x00ad, 0x200b, 0x200c,
                                    0x200d, 0x2060, 0xfeff, 0};

/* match._GAP_OK and at most one line break */
static int gap_ok(const View *t, int64_t s, int64_t e) {
    int nl = 0;
    for (int64_t i = s; i < e; i++) {
        Py_UCS4 c = CH(t, i);
        if (c == '\n' && ++nl > 1) return 0;
        if (c < 128) {
            if (is_word(c) || c == '\'' || c == '-' || is_space(c)) continue;
            return 0;
        }
        if (is_word(c) || is_space(c) || in_set(c, GAP_EXTRA) || (c >= 0x300 && c <= 0x36f)) continue;
        return 0;
    }
    return 1;
}

/* Symbol at position p of the padded layer (" " + layer + " "):
 * -1 for an invisible character, -2 on error. */
static inline int32_t sym_at(const Automaton *a, const View *src, Py_ssize_t p) {
    if (p == 0 || p > src->len) return SYM_SPACE;
    Py_UCS4 ch = CH(src, p - 1);
    Py_UCS4 f = ch < 128 ? ascii_fold[ch] : fold_char(ch);
    if (f == 0) return -2;
    if (f == FOLD_INVISIBLE) return -1;
    return sym_of(a, f);
}

/* The hits the automaton reports in state s at padded position p, filtered. */
static int emit_hits(Automaton *a, PyObject *text, const View *t, const View *src, const int64_t *index,
                     int32_t s, Py_ssize_t p, HitVec *out, HitVec *ex) {
    Py_ssize_t n = src->len;
    int32_t st = a->out[s] >= 0 ? s : a->dict[s];
    for (; st >= 0; st = a->dict[st]) {
        int32_t pi = a->out[st];
        uint8_t fl = a->pat_flags[pi];
        int64_t start = p - a->pat_len[pi] + 1, end;
        if (fl & PF_WILDCARD) {
            Py_ssize_t k = p;
            while (k < n) {
                Py_UCS4 ch = CH(src, k);
                Py_UCS4 f = ch < 128 ? ascii_fold[ch] : fold_char(ch);
                if (f == 0) return -1;
                if (f == ' ' || f == FOLD_INVISIBLE) break;
                k++;
            }
            end = k;
        } else {
            end = p - 1;
        }
        if (index) { start = index[start]; end = index[end - 1] + 1; }
        Hit h = {start, end, a->pat_entry[pi], a->pat_prio[pi]};
        if (fl & PF_EXCEPTION) {
            if (hit_push(ex, h) < 0) return -1;
            continue;
        }
        if ((fl & PF_MULTI) && !gap_ok(t, start, end)) continue;
        if (a->case_sensitive[h.entry]) {
            PyObject *r = PyObject_CallFunction(a->case_check, "OLLi", text, (long long)start,
                                                (long long)end, (int)h.entry);
            if (!r) return -1;
            int ok = PyObject_IsTrue(r);
            Py_DECREF(r);
            if (ok < 0) return -1;
            if (!ok) continue;
        }
        if (hit_push(out, h) < 0) return -1;
    }
    return 0;
}

/* Sort hits by (start, end, entry, priority): insertion sort, as they arrive nearly sorted. */
static void sort_hits(Hit *v, Py_ssize_t n) {
    for (Py_ssize_t i = 1; i < n; i++) {
        Hit x = v[i];
        Py_ssize_t j = i;
        while (j > 0 && cmp_hit(&v[j - 1], &x) > 0) { v[j] = v[j - 1]; j--; }
        v[j] = x;
    }
}

/* Sort, then resolve overlaps as match._longest_first does: in each cluster of
 * overlapping hits (clusters never interact), keep hits longest first, then
 * earliest, then exact over inflected, then by entry, when they overlap no kept hit. */
static int resolve_overlaps(HitVec *h) {
    sort_hits(h->v, h->n);
    Py_ssize_t k = 0, i = 0;
    uint8_t *taken = NULL;
    Py_ssize_t taken_cap = 0;
    while (i < h->n) {
        Py_ssize_t j = i + 1;
        int64_t lo = h->v[i].start, hi = h->v[i].end;
        while (j < h->n && h->v[j].start < hi) {
            if (h->v[j].end > hi) hi = h->v[j].end;
            j++;
        }
        if (j == i + 1) {
            h->v[k++] = h->v[i];
        } else {
            Py_ssize_t m = j - i;
            qsort(h->v + i, m, sizeof(Hit), cmp_longest);
            if (hi - lo + 1 > taken_cap) {
                PyMem_Free(taken);
                taken_cap = hi - lo + 1;
                taken = PyMem_Malloc(taken_cap);
                if (!taken) { PyErr_NoMemory(); return -1; }
            }
            memset(taken, 0, hi - lo + 1);
            Py_ssize_t k0 = k;
            for (Py_ssize_t x = i; x < j; x++) {
                Hit c = h->v[x];
                int free_ = 1;
                for (int64_t y = c.start; y < c.end && free_; y++) free_ = !taken[y - lo];
                if (free_) {
                    memset(taken + (c.start - lo), 1, c.end - c.start);
                    h->v[k++] = c;
                }
            }
            sort_hits(h->v + k0, k - k0);
        }
        i = j;
    }
    PyMem_Free(taken);
    h->n = k;
    return 0;
}

#define NSTREAM 8

/* Scan the layer of `src` (the text itself, or its normalised layer when `index`
 * maps layer offsets to text offsets).  Returns 1 with hits resolved in `out`,
 * 0 when the text holds an invisible character (the caller takes the mapped
 * path), -1 on error.
 *
 * A long text is scanned as NSTREAM chunks in lockstep: each step's table load
 * depends on the previous one, so one stream waits on memory, while independent
 * streams let the processor overlap those waits.  A chunk starts max_len
 * positions early with the automaton at its root and reports only hits that end
 * inside it: the automaton's state depends on the last max_len characters only,
 * so the hits are exactly those of one pass. */
/* The ns chunks of padded positions [0, total): chunk k reports hits ending in
 * [from[k], stop[k]) and starts reading at pos[k], max_len positions early. */
static void stream_bounds(const Automaton *a, Py_ssize_t total, int ns, Py_ssize_t *pos, Py_ssize_t *stop,
                          Py_ssize_t *from, int32_t *state) {
    for (int k = 0; k < ns; k++) {
        from[k] = total * k / ns;
        stop[k] = total * (k + 1) / ns;
        pos[k] = k == 0 ? 0 : from[k] - a->max_len;
        state[k] = 0;
    }
}

static int auto_scan(Automaton *a, PyObject *text, const View *t, const View *src, const int64_t *index,
                     HitVec *out) {
    HitVec ex = {0}, part[NSTREAM] = {{0}};
    out->n = 0;
    Py_ssize_t total = src->len + 2;  /* padded positions 0 .. len + 1 */
    int ns = (a->delta && total >= 64 * (Py_ssize_t)a->max_len + 1024) ? NSTREAM : 1;
    Py_ssize_t pos[NSTREAM], stop[NSTREAM], from[NSTREAM];
    int32_t state[NSTREAM];
    stream_bounds(a, total, ns, pos, stop, from, state);
    for (;;) {
        /* the steps every active stream can take without bounds checks */
        Py_ssize_t m = -1;
        for (int k = 0; k < ns; k++) {
            Py_ssize_t left = stop[k] - pos[k];
            if (left > 0 && (m < 0 || left < m)) m = left;
        }
        if (m < 0) break;
        for (Py_ssize_t i = 0; i < m; i++) {
            for (int k = 0; k < ns; k++) {
                if (pos[k] >= stop[k]) continue;
                Py_ssize_t p = pos[k]++;
                int32_t c = sym_at(a, src, p);
                if (c < 0) {
                    if (c == -2) goto error;
                    for (int j = 0; j < ns; j++) PyMem_Free(part[j].v);
                    PyMem_Free(ex.v);
                    return 0;
                }
                uint32_t cell = auto_step(a, state[k], c);
                state[k] = (int32_t)(cell & ~STATE_OUT);
                if ((cell & STATE_OUT) && p >= from[k] &&
                    emit_hits(a, text, t, src, index, state[k], p, ns == 1 ? out : &part[k], &ex) < 0)
                    goto error;
            }
        }
    }
    if (ns > 1) {  /* the streams' hits, in stream order: nearly sorted already */
        for (int k = 0; k < ns; k++) {
            for (Py_ssize_t i = 0; i < part[k].n; i++)
                if (hit_push(out, part[k].v[i]) < 0) goto error;
            PyMem_Free(part[k].v);
            part[k].v = NULL;
        }
    }
    if (ex.n) {  /* exceptions remove the hits of their own entry inside them */
        Py_ssize_t k = 0;
        for (Py_ssize_t i = 0; i < out->n; i++) {
            Hit *h = &out->v[i];
            int drop = 0;
            for (Py_ssize_t j = 0; j < ex.n && !drop; j++)
                drop = ex.v[j].entry == h->entry && ex.v[j].start <= h->start && h->end <= ex.v[j].end;
            if (!drop) out->v[k++] = *h;
        }
        out->n = k;
    }
    PyMem_Free(ex.v);
    ex.v = NULL;
    if (out->n > 1 && resolve_overlaps(out) < 0) goto error;
    return 1;
error:
    for (int j = 0; j < NSTREAM; j++) PyMem_Free(part[j].v);
    PyMem_Free(ex.v);
    return -1;
}

/* The offset map of text.normalize_mapped: layer_len + 1 offsets into the text, in [0, text_len]. */
static int index_from(PyObject *obj, int64_t **out, Py_ssize_t layer_len, Py_ssize_t text_len) {
    *out = NULL;
    if (obj == Py_None) return 0;
    PyObject *seq = PySequence_Fast(obj, "index must be a sequence of int");
    if (!seq) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n < layer_len + 1) {
        Py_DECREF(seq);
        PyErr_Format(PyExc_ValueError, "index has %zd offsets; the layer needs %zd", n, layer_len + 1);
        return -1;
    }
    int64_t *v = PyMem_Malloc((n + 1) * sizeof(int64_t));
    if (!v) { Py_DECREF(seq); PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < n; i++) {
        v[i] = PyLong_AsLongLong(PySequence_Fast_GET_ITEM(seq, i));
        if (v[i] == -1 && PyErr_Occurred()) { Py_DECREF(seq); PyMem_Free(v); return -1; }
        if (v[i] < 0 || v[i] > text_len) {
            Py_DECREF(seq); PyMem_Free(v);
            PyErr_Format(PyExc_ValueError, "index offset %lld outside the text", (long long)v[i]);
            return -1;
        }
    }
    Py_DECREF(seq);
    *out = v;
    return 0;
}

static PyObject *hits_to_list(const HitVec *h) {
    PyObject *lst = PyList_New(h->n);
    if (!lst) return NULL;
    for (Py_ssize_t i = 0; i < h->n; i++) {
        PyObject *t = Py_BuildValue("(LLii)", (long long)h->v[i].start, (long long)h->v[i].end,
                                    (int)h->v[i].entry, (int)h->v[i].prio);
        if (!t) { Py_DECREF(lst); return NULL; }
        PyList_SET_ITEM(lst, i, t);
    }
    return lst;
}

/* A hyphen ends a line: text.normalize_mapped joins the word halves. */
static int hyphen_at_line_end(const View *t) {
    for (Py_ssize_t i = 1; i < t->len; i++) {
        if (CH(t, i) != '\n') continue;
        Py_UCS4 p = CH(t, i - 1);
        if (p == '-' || (p == '\r' && i >= 2 && CH(t, i - 2) == '-')) return 1;
    }
    return 0;
}

/* Automaton.scan(text, norm=None, index=None) -> list of (start, end, entry, priority).
 * Without `norm`, None when the text needs the mapped layer (invisible characters,
 * hyphens at line ends): the caller passes normalize_mapped(text). */
static PyObject *auto_scan_py(Automaton *a, PyObject *args) {
    PyObject *text, *norm = Py_None, *idx = Py_None;
    if (!PyArg_ParseTuple(args, "U|OO:scan", &text, &norm, &idx)) return NULL;
    View t, src;
    if (view_of(text, &t) < 0) return NULL;
    if (norm == Py_None) src = t;
    else if (view_of(norm, &src) < 0) return NULL;
    int64_t *index;
    if (index_from(idx, &index, src.len, t.len) < 0) return NULL;
    if (!index && src.len != t.len) {
        PyErr_SetString(PyExc_ValueError, "norm must be as long as text when no index is given");
        return NULL;
    }
    HitVec h = {0};
    int r = (norm == Py_None && hyphen_at_line_end(&t)) ? 0 : auto_scan(a, text, &t, &src, index, &h);
    PyMem_Free(index);
    PyObject *res = r < 0 ? NULL : r == 0 ? Py_NewRef(Py_None) : hits_to_list(&h);
    PyMem_Free(h.v);
    return res;
}

/* Every key occurrence on the padded layer of t, as (position, pattern) pairs in
 * position order (what pyahocorasick's iter reports).  Characters below U+0100 go through
 * a table of their symbols; the others through sym_at. */
static inline int emit_raw(Automaton *a, int32_t s, Py_ssize_t p, Vec *out) {
    for (int32_t st = a->out[s] >= 0 ? s : a->dict[s]; st >= 0; st = a->dict[st])
        if (vec_push(out, p) < 0 || vec_push(out, a->out[st]) < 0) return -1;
    return 0;
}

static inline int32_t raw_sym(Automaton *a, const View *t, const int32_t *tab, Py_ssize_t p) {
    if (p == 0 || p > t->len) return SYM_SPACE;
    Py_UCS4 ch = CH(t, p - 1);
    if (ch < 256) return tab[ch];
    int32_t c = sym_at(a, t, p);
    return c == -1 ? SYM_SPACE : c;   /* -2: error */
}

#define RAW_STREAMS 4
static int raw_scan(Automaton *a, const View *t, Vec *out) {
    int32_t tab[256];
    for (int c = 0; c < 256; c++) {
        Py_UCS4 f = fold_char((Py_UCS4)c);
        if (f == 0) return -1;
        tab[c] = f == FOLD_INVISIBLE ? SYM_SPACE : sym_of(a, f);
    }
    Vec part[RAW_STREAMS] = {{0}};
    Py_ssize_t total = t->len + 2;  /* padded positions 0 .. len + 1 */
    int ns = (a->delta && total >= 16 * (Py_ssize_t)a->max_len + 256) ? RAW_STREAMS : 1;
    Py_ssize_t pos[RAW_STREAMS], stop[RAW_STREAMS], from[RAW_STREAMS];
    int32_t state[RAW_STREAMS];
    stream_bounds(a, total, ns, pos, stop, from, state);
    Py_ssize_t m = stop[0] - pos[0];   /* the steps every stream takes */
    for (int k = 1; k < ns; k++) if (stop[k] - pos[k] < m) m = stop[k] - pos[k];
    for (Py_ssize_t i = 0; i < m; i++) {
        for (int k = 0; k < ns; k++) {
            Py_ssize_t p = pos[k]++;
            int32_t c = raw_sym(a, t, tab, p);
            if (c == -2) goto error;
            uint32_t cell = auto_step(a, state[k], c);
            state[k] = (int32_t)(cell & ~STATE_OUT);
            if ((cell & STATE_OUT) && p >= from[k] && emit_raw(a, state[k], p, &part[k]) < 0) goto error;
        }
    }
    for (int k = 0; k < ns; k++) {   /* the rest of each stream */
        for (; pos[k] < stop[k]; pos[k]++) {
            Py_ssize_t p = pos[k];
            int32_t c = raw_sym(a, t, tab, p);
            if (c == -2) goto error;
            uint32_t cell = auto_step(a, state[k], c);
            state[k] = (int32_t)(cell & ~STATE_OUT);
            if ((cell & STATE_OUT) && p >= from[k] && emit_raw(a, state[k], p, &part[k]) < 0) goto error;
        }
        for (Py_ssize_t j = 0; j < part[k].n; j++)
            if (vec_push(out, part[k].v[j]) < 0) goto error;
        vec_free(&part[k]);
    }
    return 0;
error:
    for (int k = 0; k < RAW_STREAMS; k++) vec_free(&part[k]);
    return -1;
}

/* _GAP_BAD.search(text[s:e]): [,;:!?()\[\]"“”«»]|(?<!\b[A-Z])\.\s  (the slice is the whole string) */
static int gap_bad(const View *t, Py_ssize_t s, Py_ssize_t e) {
    static const Py_UCS4 BAD[] = {',', ';', ':', '!', '?', '(', ')', '[', ']', '"', 0x201c, 0x201d, 0x00ab,
                                  0x00bb, 0};
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = CH(t, i);
        if (in_set(c, BAD)) return 1;
        if (c == '.' && i + 1 < e && is_space(CH(t, i + 1))) {
            int initial = i - 1 >= s && (CH(t, i - 1) >= 'A' && CH(t, i - 1) <= 'Z') && (i - 1 == s || !is_word(CH(t, i - 2)));
            if (!initial) return 1;
        }
    }
    return 0;
}

/* str.isupper() of text[s:e] */
static int span_isupper(const View *t, Py_ssize_t s, Py_ssize_t e) {
    int cased = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = CH(t, i);
        if (Py_UNICODE_ISLOWER(c) || Py_UNICODE_ISTITLE(c)) return 0;
        if (!cased && Py_UNICODE_ISUPPER(c)) cased = 1;
    }
    return cased;
}

typedef struct { Py_ssize_t s, e; long actor; PyObject *kind; Py_ssize_t order; } Found;

static int cmp_found_pos(const void *x, const void *y) {   /* (start, end, actor) */
    const Found *a = x, *b = y;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    if (a->e != b->e) return a->e < b->e ? -1 : 1;
    if (a->actor != b->actor) return a->actor < b->actor ? -1 : 1;
    return 0;
}
static int cmp_found_long(const void *x, const void *y) {  /* (start - end, start), stable */
    const Found *a = x, *b = y;
    Py_ssize_t la = a->s - a->e, lb = b->s - b->e;
    if (la != lb) return la < lb ? -1 : 1;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    return a->order < b->order ? -1 : (a->order > b->order);
}

/* Automaton.mentions(text, patterns) -> (mentions, titles): actors.ActorMatcher._scan
 * with its mentions as (start, end, actor, kind, False) */
static PyObject *auto_mentions_py(Automaton *a, PyObject *args) {
    PyObject *text, *patterns;
    if (!PyArg_ParseTuple(args, "UO!:mentions", &text, &PyList_Type, &patterns)) return NULL;
    View t;
    if (view_of(text, &t) < 0) return NULL;
    Found *f = NULL;
    Py_ssize_t nf = 0, cap = 0;
    PyObject *titles = PyList_New(0), *res = NULL;
    Vec raw = {0};
    if (!titles) return NULL;
    if (raw_scan(a, &t, &raw) < 0) goto done;
    for (Py_ssize_t r = 0; r < raw.n; r += 2) {
        {
            int32_t pi = (int32_t)raw.v[r + 1];
            Py_ssize_t p = raw.v[r];
            Py_ssize_t hs = p - a->pat_len[pi] + 1, he = p - 1;
            Py_ssize_t idx = a->pat_entry[pi];
            if (idx < 0 || idx >= PyList_GET_SIZE(patterns)) {
                PyErr_SetString(PyExc_IndexError, "mentions: pattern index out of range");
                goto done;
            }
            PyObject *pat = PyList_GET_ITEM(patterns, idx);
            if (!PyTuple_Check(pat) || PyTuple_GET_SIZE(pat) != 6) {
                PyErr_SetString(PyExc_TypeError, "mentions: patterns must be 6-tuples");
                goto done;
            }
            long actor = PyLong_AsLong(PyTuple_GET_ITEM(pat, 0));
            if (actor == -1 && PyErr_Occurred()) goto done;
            int multi = PyObject_IsTrue(PyTuple_GET_ITEM(pat, 2)), caps = PyObject_IsTrue(PyTuple_GET_ITEM(pat, 3));
            int dotted = PyObject_IsTrue(PyTuple_GET_ITEM(pat, 5));
            PyObject *kind = PyTuple_GET_ITEM(pat, 4);
            if (multi) {
                int alpha = 1, has = 0, nl = 0;
                for (Py_ssize_t i = hs; i < he; i++) {
                    Py_UCS4 ch = CH(&t, i);
                    if (ch == '\n') nl++;
                    if (ch == ' ') continue;
                    has = 1;
                    if (!Py_UNICODE_ISALPHA(ch)) alpha = 0;
                }
                if (!(alpha && has) && (nl > 1 || gap_bad(&t, hs, he))) continue;
            }
            if (actor < 0) {   /* "the president": not before "of", not "president-elect" */
                static const Py_UCS4 DASHES[] = {'-', 0x2010, 0x2011, 0};
                if (he >= t.len || in_set(CH(&t, he), DASHES)) continue;
                Py_ssize_t v = he;
                while (v < t.len && is_space(CH(&t, v))) v++;
                if (v > he && v + 2 <= t.len && CH(&t, v) == 'o' && CH(&t, v + 1) == 'f' &&
                    (v + 2 == t.len || !is_word(CH(&t, v + 2))))
                    continue;
                PyObject *x = Py_BuildValue("(nnO)", hs, he, kind);
                if (!x || PyList_Append(titles, x) < 0) { Py_XDECREF(x); goto done; }
                Py_DECREF(x);
                continue;
            }
            if (dotted && he < t.len && CH(&t, he) == '.') he++;
            if (caps && !span_isupper(&t, hs, he)) continue;
            if (nf == cap) {
                cap = cap ? 2 * cap : 16;
                Found *g = PyMem_Realloc(f, cap * sizeof(Found));
                if (!g) { PyErr_NoMemory(); goto done; }
                f = g;
            }
            f[nf].s = hs; f[nf].e = he; f[nf].actor = actor; f[nf].kind = kind; f[nf].order = nf;
            nf++;
        }
    }
    if (nf > 1) {
        qsort(f, nf, sizeof(Found), cmp_found_pos);
        int overlap = 0;
        for (Py_ssize_t i = 1; i < nf && !overlap; i++) overlap = f[i].s < f[i - 1].e;
        if (overlap) {   /* _longest_first: the longest first (then the earliest) */
            for (Py_ssize_t i = 0; i < nf; i++) f[i].order = i;
            qsort(f, nf, sizeof(Found), cmp_found_long);
            Py_ssize_t nk = 0;
            for (Py_ssize_t i = 0; i < nf; i++) {
                int clash = 0;
                for (Py_ssize_t j = 0; j < nk && !clash; j++) clash = f[j].s < f[i].e && f[i].s < f[j].e;
                if (!clash) f[nk++] = f[i];
            }
            nf = nk;
            qsort(f, nf, sizeof(Found), cmp_found_pos);
        }
    }
    PyObject *found = PyList_New(nf);
    if (!found) goto done;
    for (Py_ssize_t i = 0; i < nf; i++) {
        PyObject *x = Py_BuildValue("(nnlOO)", f[i].s, f[i].e, f[i].actor, f[i].kind, Py_False);
        if (!x) { Py_DECREF(found); goto done; }
        PyList_SET_ITEM(found, i, x);
    }
    res = Py_BuildValue("(NO)", found, titles);
done:
    PyMem_Free(f);
    vec_free(&raw);
    Py_DECREF(titles);
    return res;
}

static PyObject *auto_n_states(Automaton *a, void *closure) { return PyLong_FromLong(a->n_states); }
static PyObject *auto_dense(Automaton *a, void *closure) { return PyBool_FromLong(a->delta != NULL); }

static PyMethodDef auto_methods[] = {
    {"scan", (PyCFunction)auto_scan_py, METH_VARARGS,
     "scan(text, norm=None, index=None) -> sorted resolved hits (start, end, entry, priority)"},
    {"mentions", (PyCFunction)auto_mentions_py, METH_VARARGS,
     "mentions(text, patterns) -> (mentions, titles): actors.ActorMatcher._scan (raw automata)"},
    {NULL}
};

static PyGetSetDef auto_getset[] = {
    {"n_states", (getter)auto_n_states, NULL, "number of trie states", NULL},
    {"dense", (getter)auto_dense, NULL, "whether the full transition table was built", NULL},
    {NULL}
};

static PyTypeObject AutomatonType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "framing._speedups.Automaton",
    .tp_basicsize = sizeof(Automaton),
    .tp_dealloc = (destructor)auto_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Aho-Corasick automaton over the normalised layer (see framing.match.compile_lexicon)",
    .tp_methods = auto_methods,
    .tp_getset = auto_getset,
    .tp_new = auto_new,
};

/* ------------------------------------------------------------------------- */
/* Sentences: text._SENT_PUNCT / _SENT_LINE / _sentence_breaks / sentence_spans */
/* ------------------------------------------------------------------------- */

/* A region of a text: look-behinds see back to `lo`, look-aheads up to `hi`. */
typedef struct { const View *t; Py_ssize_t lo, hi; } Region;

static const char *ABBREVIATIONS[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm",
    "Cmdr", "St", "Jr", "Sr", "Rev", "Hon", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "No", "Nos", "vs", "etc", "Inc", "Corp", "Ltd", "Co", "Dept", "Fig", "Univ", "Pres",
    "Ave", "Blvd", "Mt", "Ft", "Supt", "Det", "Insp", "approx", "est", NULL};

static const char *SPEECH_AHEAD[] = {
    "said", "says", "told", "tells", "tweeted", "wrote", "writes", "added", "adds", "asked", "asks",
    "replied", "insisted", "warned", "explained", "declared", "stated", "continued", "shouted", NULL};

static const Py_UCS4 TERMINAL[] = {'.', '!', '?', 0x2026, 0};
static const Py_UCS4 CLOSE_QUOTES[] = {'"', '\'', 0x201d, 0x2019, 0x00bb, 0};
static const Py_UCS4 OPEN_BEFORE_CAP[] = {'"', '\'', 0x201c, 0x2018, 0x00ab, '(', '[', 0};
static const Py_UCS4 LINE_END_PUNCT[] = {'.', '!', '?', 0x2026, ':', '"', '\'', 0x201d, 0x2019, 0x00bb, ')', ']', 0};

static inline int is_upper_ascii(Py_UCS4 c) { return c >= 'A' && c <= 'Z'; }
static inline int is_cap_start(Py_UCS4 c) { return is_upper_ascii(c) || (c >= '0' && c <= '9'); }
static inline int is_hspace(Py_UCS4 c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

static int ascii_at(const Region *r, Py_ssize_t i, const char *w) {
    for (; *w; w++, i++) {
        if (i >= r->hi || CH(r->t, i) != (Py_UCS4)(unsigned char)*w) return 0;
    }
    return 1;
}

/* (?=["'“‘«(\[]?[A-Z0-9]) at v */
static int cap_ahead(const Region *r, Py_ssize_t v) {
    if (v >= r->hi) return 0;
    Py_UCS4 c = CH(r->t, v);
    if (is_cap_start(c)) return 1;
    return in_set(c, OPEN_BEFORE_CAP) && v + 1 < r->hi && is_cap_start(CH(r->t, v + 1));
}

/* The full stop at p ends an abbreviation, an initial or a dotted acronym. */
static int abbreviation_before(const Region *r, Py_ssize_t p) {
    const View *t = r->t;
    /* An abbreviation is the whole run of ASCII letters before the stop, after a non-word character. */
    Py_ssize_t b = p;
    while (b > r->lo && b > p - 8) {
        Py_UCS4 c = CH(t, b - 1);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) b--; else break;
    }
    Py_ssize_t L = p - b;
    if (L >= 2 && L <= 6 && (b == r->lo || !is_word(CH(t, b - 1)))) {
        for (const char **w = ABBREVIATIONS; *w; w++)
            if ((Py_ssize_t)strlen(*w) == L && ascii_at(r, b, *w)) return 1;
    }
    if (p - 1 >= r->lo && is_upper_ascii(CH(t, p - 1)) && (p - 2 < r->lo || !is_word(CH(t, p - 2)))) return 1;
    if (p - 2 >= r->lo && CH(t, p - 2) == '.') {
        Py_UCS4 c = CH(t, p - 1);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return 1;
    }
    return 0;
}

/* _ATTRIBUTION_AHEAD's inner pattern matches at v: \s+ (Cap-word \s+){1,3} verb \b */
static int attribution_ahead(const Region *r, Py_ssize_t v) {
    const View *t = r->t;
    Py_ssize_t x = v;
    while (x < r->hi && is_space(CH(t, x))) x++;
    if (x == v) return 0;
    for (int k = 0; k < 3; k++) {
        if (x >= r->hi || !is_upper_ascii(CH(t, x))) return 0;
        Py_ssize_t w = x + 1;
        while (w < r->hi) {
            Py_UCS4 c = CH(t, w);
            if (is_word(c) || c == 0x2019 || c == '\'' || c == '.' || c == '-') w++; else break;
        }
        Py_ssize_t y = w;
        while (y < r->hi && is_space(CH(t, y))) y++;
        if (y == w) return 0;
        x = y;
        for (const char **verb = SPEECH_AHEAD; *verb; verb++) {
            Py_ssize_t L = (Py_ssize_t)strlen(*verb);
            if (ascii_at(r, x, *verb) && (x + L >= r->hi || !is_word(CH(t, x + L)))) return 1;
        }
    }
    return 0;
}

/* (?P<space>[ \t\r\f\v]*\n\s*|\s+(?=["'“‘«(\[]?[A-Z0-9])) at u; returns end or -1 */
static Py_ssize_t space_group(const Region *r, Py_ssize_t u) {
    const View *t = r->t;
    Py_ssize_t v = u;
    while (v < r->hi && is_hspace(CH(t, v))) v++;
    if (v < r->hi && CH(t, v) == '\n') {
        v++;
        while (v < r->hi && is_space(CH(t, v))) v++;
        return v;
    }
    v = u;
    while (v < r->hi && is_space(CH(t, v))) v++;
    if (v > u && cap_ahead(r, v)) return v;
    return -1;
}

/* _SENT_PUNCT matched at p (t[p] is terminal punctuation): *space_start, return end, or -1 */
static Py_ssize_t punct_match(const Region *r, Py_ssize_t p, Py_ssize_t *space_start) {
    const View *t = r->t;
    if (CH(t, p) == '.' && abbreviation_before(r, p)) return -1;
    Py_ssize_t q = p + 1;
    while (q < r->hi && in_set(CH(t, q), TERMINAL)) q++;
    Py_ssize_t a = q;
    while (a < r->hi && (CH(t, a) == ')' || CH(t, a) == ']')) a++;
    Py_ssize_t b = a;
    while (b < r->hi && in_set(CH(t, b), CLOSE_QUOTES)) b++;
    if (b > a && !attribution_ahead(r, b)) {
        Py_ssize_t u = b;
        while (u < r->hi && (CH(t, u) == ')' || CH(t, u) == ']')) u++;
        Py_ssize_t e = space_group(r, u);
        if (e >= 0) { *space_start = u; return e; }
    }
    Py_ssize_t e = space_group(r, a);
    if (e >= 0) { *space_start = a; return e; }
    return -1;
}

/* First _SENT_PUNCT match in [from, r->hi): returns its start or -1 */
static Py_ssize_t punct_search(const Region *r, Py_ssize_t from) {
    Py_ssize_t ss;
    for (Py_ssize_t p = from; p < r->hi; p++)
        if (in_set(CH(r->t, p), TERMINAL) && punct_match(r, p, &ss) >= 0) return p;
    return -1;
}

/* _SENT_LINE matched at p (t[p] == '\n'): end or -1 */
static Py_ssize_t line_match(const Region *r, Py_ssize_t p) {
    const View *t = r->t;
    Py_ssize_t v = p + 1;
    while (v < r->hi && is_hspace(CH(t, v))) v++;
    if (v < r->hi && CH(t, v) == '\n') {
        v++;
        while (v < r->hi && is_space(CH(t, v))) v++;
        return v;
    }
    if (p - 1 >= r->lo && in_set(CH(t, p - 1), LINE_END_PUNCT)) return -1;
    v = p + 1;
    while (v < r->hi && is_space(CH(t, v))) v++;
    return cap_ahead(r, v) ? v : -1;
}

/* Positions in [lo, hi) of the characters the splitter looks at: terminal
 * punctuation (. ! ? …) and line breaks; one tight loop per string kind. */
static int split_candidates(const View *t, Py_ssize_t lo, Py_ssize_t hi, Vec *out) {
#define CAND(c) ((c) == '.' || (c) == '!' || (c) == '?' || (c) == '\n' || (c) == 0x2026)
#define SCAN(type) do { \
        const type *d = (const type *)t->data; \
        for (Py_ssize_t p = lo; p < hi; p++) { \
            Py_UCS4 c = d[p]; \
            if (c <= '?' || c == 0x2026) { if (CAND(c) && vec_push(out, p) < 0) return -1; } \
        } } while (0)
    if (t->kind == PyUnicode_1BYTE_KIND) SCAN(Py_UCS1);
    else if (t->kind == PyUnicode_2BYTE_KIND) SCAN(Py_UCS2);
    else SCAN(Py_UCS4);
#undef SCAN
#undef CAND
    return 0;
}

/* _sentence_breaks: (cut, next_start) pairs, flattened into `out` */
static int sentence_breaks(const Region *r, Vec *out) {
    const View *t = r->t;
    Vec punct = {0}, lines = {0}, cand = {0};
    int has_nl = 0;
    if (split_candidates(t, r->lo, r->hi, &cand) < 0) goto error;
    for (Py_ssize_t i = 0, next = r->lo; i < cand.n; i++) {
        Py_ssize_t p = cand.v[i];
        Py_UCS4 c = CH(t, p);
        if (c == '\n') { has_nl = 1; continue; }
        if (p < next) continue;
        Py_ssize_t ss, e = punct_match(r, p, &ss);
        if (e >= 0) {
            if (vec_push(&punct, ss) < 0 || vec_push(&punct, e) < 0) goto error;
            next = e;
        }
    }
    if (has_nl) {
        for (Py_ssize_t i = 0, next = r->lo; i < cand.n; i++) {
            Py_ssize_t p = cand.v[i];
            if (p < next || CH(t, p) != '\n') continue;
            Py_ssize_t e = line_match(r, p);
            if (e >= 0) {
                if (vec_push(&lines, p) < 0 || vec_push(&lines, e) < 0) goto error;
                next = e;
            }
        }
    }
    /* merge as text._sentence_breaks does */
    Py_ssize_t i = 0, nl = lines.n / 2;
    for (Py_ssize_t k = 0; k < punct.n; k += 2) {
        int64_t cut = punct.v[k], nxt = punct.v[k + 1];
        while (i < nl && lines.v[2 * i] < cut) {
            if (vec_push(out, lines.v[2 * i]) < 0 || vec_push(out, lines.v[2 * i + 1]) < 0) goto error;
            i++;
        }
        while (i < nl && lines.v[2 * i] < nxt) i++;
        if (vec_push(out, cut) < 0 || vec_push(out, nxt) < 0) goto error;
    }
    for (; i < nl; i++)
        if (vec_push(out, lines.v[2 * i]) < 0 || vec_push(out, lines.v[2 * i + 1]) < 0) goto error;
    vec_free(&punct); vec_free(&lines); vec_free(&cand);
    return 0;
error:
    vec_free(&punct); vec_free(&lines); vec_free(&cand);
    return -1;
}

/* sentence_spans of the string t[lo:stop_at] with boundaries searched before `end`
 * (absolute offsets), flattened (start, end) pairs into `out`. */
static int sentence_spans_c(const View *t, Py_ssize_t lo, Py_ssize_t stop_at, Py_ssize_t end, Vec *out) {
    Region r = {t, lo, end};
    Vec br = {0};
    if (sentence_breaks(&r, &br) < 0) return -1;
    Py_ssize_t start = lo;
    while (start < stop_at && is_space(CH(t, start))) start++;
    for (Py_ssize_t k = 0; k < br.n; k += 2) {
        Py_ssize_t cut = br.v[k];
        while (cut > start && is_hspace(CH(t, cut - 1))) cut--;
        if (cut > start && (vec_push(out, start) < 0 || vec_push(out, cut) < 0)) { vec_free(&br); return -1; }
        start = br.v[k + 1];
    }
    vec_free(&br);
    Py_ssize_t stop = stop_at;
    while (stop > lo && is_space(CH(t, stop - 1))) stop--;
    if (stop > start && (vec_push(out, start) < 0 || vec_push(out, stop) < 0)) return -1;
    return 0;
}

static PyObject *pairs_to_list(const Vec *v) {
    PyObject *lst = PyList_New(v->n / 2);
    if (!lst) return NULL;
    for (Py_ssize_t i = 0; i < v->n / 2; i++) {
        PyObject *t = Py_BuildValue("(LL)", (long long)v->v[2 * i], (long long)v->v[2 * i + 1]);
        if (!t) { Py_DECREF(lst); return NULL; }
        PyList_SET_ITEM(lst, i, t);
    }
    return lst;
}

/* sentence_spans(text, end=None) */
static PyObject *sentence_spans_py(PyObject *self, PyObject *args) {
    PyObject *text, *endobj = Py_None;
    if (!PyArg_ParseTuple(args, "U|O:sentence_spans", &text, &endobj)) return NULL;
    View t;
    if (view_of(text, &t) < 0) return NULL;
    Py_ssize_t end = t.len;
    if (endobj != Py_None) {
        end = PyNumber_AsSsize_t(endobj, PyExc_OverflowError);
        if (end == -1 && PyErr_Occurred()) return NULL;
        if (end < 0) end = 0;  /* as re's endpos */
        if (end > t.len) end = t.len;
    }
    Vec out = {0};
    if (sentence_spans_c(&t, 0, t.len, end, &out) < 0) { vec_free(&out); return NULL; }
    PyObject *res = pairs_to_list(&out);
    vec_free(&out);
    return res;
}

/* ------------------------------------------------------------------------- */
/* Paragraphs and quotations                                                  */
/* ------------------------------------------------------------------------- */

static const Py_UCS4 PARA_TERMINAL[] = {'.', '!', '?', 0x2026, ':', '"', 0x201d, 0x00bb, 0x2019, 0};

static int is_paragraph_break(const View *t, Py_ssize_t nl) {
    Py_ssize_t j = nl - 1;
    while (j >= 0) {
        Py_UCS4 c = CH(t, j);
        if (c == ' ' || c == '\t' || c == '\r') j--; else break;
    }
    if (j < 0) return 1;
    Py_UCS4 c = CH(t, j);
    if (c == '\n' || in_set(c, PARA_TERMINAL)) return 1;
    Py_ssize_t k = nl + 1;
    while (k < t->len) {
        Py_UCS4 d = CH(t, k);
        if (d == ' ' || d == '\t' || d == '\r') k++; else break;
    }
    return k >= t->len || CH(t, k) == '\n';
}

static void paragraph_of_c(const View *t, Py_ssize_t pos, Py_ssize_t *ps, Py_ssize_t *pe) {
    Py_ssize_t s = pos - 1;
    if (s > t->len - 1) s = t->len - 1;
    for (; s >= 0; s--) if (CH(t, s) == '\n' && is_paragraph_break(t, s)) break;
    Py_ssize_t e = pos < 0 ? 0 : pos;
    for (; e < t->len; e++) if (CH(t, e) == '\n' && is_paragraph_break(t, e)) break;
    *ps = s + 1;
    *pe = e;
}

static PyObject *paragraph_of_py(PyObject *self, PyObject *args) {
    PyObject *text;
    Py_ssize_t pos, ps, pe;
    if (!PyArg_ParseTuple(args, "Un:paragraph_of", &text, &pos)) return NULL;
    View t;
    if (view_of(text, &t) < 0) return NULL;
    if (pos > t.len) pos = t.len;  /* as str.find / str.rfind read their bounds */
    if (pos < 0) pos = pos < -t.len ? 0 : pos + t.len;
    paragraph_of_c(&t, pos, &ps, &pe);
    return Py_BuildValue("(nn)", ps, pe);
}

enum { R_NONE, R_OPEN, R_CLOSE, R_EITHER, R_CLOSE_Q };
enum { F_DOUBLE, F_SINGLE, F_GUILLEMET };

static const Py_UCS4 DOUBLE_OPEN[] = {0x201c, 0x201e, 0x201f, 0};
static const Py_UCS4 GUILLEMET_OPEN[] = {0x00ab, 0x2039, 0x300c, 0x300e, 0};
static const Py_UCS4 GUILLEMET_CLOSE[] = {0x00bb, 0x203a, 0x300d, 0x300f, 0};
static const Py_UCS4 SINGLE_OPEN[] = {0x2018, 0x201a, 0x201b, 0};
static const Py_UCS4 OPENERS_BEFORE[] = {' ', '\t', '\n', '\r', '(', '[', '{', 0x2014, 0x2013, '-', '/', '"',
                                         0x201c, 0x00ab, 0x2018, 0};

static int quote_role(const View *t, Py_ssize_t i, Py_UCS4 ch) {
    Py_UCS4 prev = i > 0 ? CH(t, i - 1) : ' ';
    Py_UCS4 nxt = i + 1 < t->len ? CH(t, i + 1) : ' ';
    if (in_set(ch, DOUBLE_OPEN) || in_set(ch, GUILLEMET_OPEN)) return R_OPEN;
    if (ch == 0x201d || in_set(ch, GUILLEMET_CLOSE)) return R_CLOSE;
    if (in_set(ch, SINGLE_OPEN)) return Py_UNICODE_ISALNUM(prev) ? R_NONE : R_OPEN;
    if (ch == 0x2019 || ch == '\'') {
        if (Py_UNICODE_ISALNUM(prev) && Py_UNICODE_ISALNUM(nxt)) return R_NONE;
        if (ch == '\'' && (in_set(prev, OPENERS_BEFORE) || i == 0) && Py_UNICODE_ISALPHA(nxt)) return R_OPEN;
        if (!Py_UNICODE_ISSPACE(prev) && !Py_UNICODE_ISALNUM(nxt)) {
            if ((prev == 's' || prev == 'S') && Py_UNICODE_ISSPACE(nxt)) return R_CLOSE_Q;
            return R_CLOSE;
        }
        return R_NONE;
    }
    if (ch == '"') {
        if (in_set(prev, OPENERS_BEFORE) || i == 0) return !Py_UNICODE_ISSPACE(nxt) ? R_OPEN : R_EITHER;
        if (Py_UNICODE_ISSPACE(nxt) || !Py_UNICODE_ISALNUM(nxt)) return R_CLOSE;
        return R_EITHER;
    }
    return R_NONE;
}

static int quote_family(Py_UCS4 ch) {
    if (ch == '\'' || ch == 0x2018 || ch == 0x2019 || ch == 0x201a || ch == 0x201b) return F_SINGLE;
    if (in_set(ch, GUILLEMET_OPEN) || in_set(ch, GUILLEMET_CLOSE)) return F_GUILLEMET;
    return F_DOUBLE;
}

/* text._close_unbalanced: pushes (start, end, closed=0) */
static int close_unbalanced(const View *t, Py_ssize_t open_pos, Py_ssize_t para_end, int continues, Vec *out) {
    if (continues && para_end > open_pos) {
        Py_ssize_t k = para_end, lim = para_end + 200 < t->len ? para_end + 200 : t->len;
        while (k < lim && is_space(CH(t, k))) k++;
        if (k < lim) {
            Py_UCS4 c = CH(t, k);
            if (c == 0x201c || c == '"' || c == 0x00ab)
                return vec_push(out, open_pos) < 0 || vec_push(out, para_end) < 0 || vec_push(out, 0) < 0 ? -1 : 0;
        }
    }
    Vec sp = {0};
    Py_ssize_t stop = para_end > open_pos ? para_end : open_pos;
    if (sentence_spans_c(t, open_pos, stop, stop, &sp) < 0) { vec_free(&sp); return -1; }
    int64_t end;
    if (sp.n) end = sp.v[1];
    else end = para_end < open_pos + 1 ? para_end : open_pos + 1;
    vec_free(&sp);
    return vec_push(out, open_pos) < 0 || vec_push(out, end) < 0 || vec_push(out, 0) < 0 ? -1 : 0;
}

/* text.paragraph_quotes(classify=False): (start, end, closed) triples into `out` */
static int paragraph_quotes_c(const View *t, Py_ssize_t ps, Py_ssize_t pe, Vec *out) {
    Py_ssize_t open_pos = -1;
    int open_family = 0;
    if (pe > t->len) pe = t->len;
    for (Py_ssize_t i = ps < 0 ? 0 : ps; i < pe; i++) {
        Py_UCS4 ch = CH(t, i);
        if (!(ch == '"' || ch == '\'' || (ch >= 0x2018 && ch <= 0x201f) || ch == 0xab || ch == 0xbb ||
              ch == 0x2039 || ch == 0x203a || (ch >= 0x300c && ch <= 0x300f)))
            continue;  /* exactly text.QUOTE_CHARS */
        int role = quote_role(t, i, ch);
        if (role == R_NONE) continue;
        int fam = quote_family(ch);
        if (open_pos < 0) {
            if (role == R_OPEN || role == R_EITHER) { open_pos = i; open_family = fam; }
            continue;
        }
        if (fam != open_family) continue;
        if (role == R_OPEN && ch == '"' && CH(t, open_pos) == '"') {
            Region r = {t, 0, i};
            if (punct_search(&r, open_pos) >= 0) {
                if (close_unbalanced(t, open_pos, i, 0, out) < 0) return -1;
                open_pos = i;
                continue;
            }
        }
        if (role == R_CLOSE || role == R_EITHER || role == R_CLOSE_Q || (role == R_OPEN && ch == '"')) {
            if (vec_push(out, open_pos) < 0 || vec_push(out, i + 1) < 0 || vec_push(out, 1) < 0) return -1;
            open_pos = -1;
        }
    }
    if (open_pos >= 0 && close_unbalanced(t, open_pos, pe, 1, out) < 0) return -1;
    return 0;
}

/* paragraph_quotes(text, p_start, p_end) -> list of (start, end, closed) */
static PyObject *paragraph_quotes_py(PyObject *self, PyObject *args) {
    PyObject *text;
    Py_ssize_t ps, pe;
    if (!PyArg_ParseTuple(args, "Unn:paragraph_quotes", &text, &ps, &pe)) return NULL;
    View t;
    if (view_of(text, &t) < 0) return NULL;
    Vec out = {0};
    if (paragraph_quotes_c(&t, ps, pe, &out) < 0) { vec_free(&out); return NULL; }
    PyObject *lst = PyList_New(out.n / 3);
    for (Py_ssize_t i = 0; lst && i < out.n / 3; i++) {
        PyObject *tp = Py_BuildValue("(LLO)", (long long)out.v[3 * i], (long long)out.v[3 * i + 1],
                                     out.v[3 * i + 2] ? Py_True : Py_False);
        if (!tp) { Py_CLEAR(lst); break; }
        PyList_SET_ITEM(lst, i, tp);
    }
    vec_free(&out);
    return lst;
}

/* ------------------------------------------------------------------------- */
/* match_batch: match._Columns.add_article for many articles, no actors       */
/* ------------------------------------------------------------------------- */

static PyObject *vec_bytes(const Vec *v) {
    return PyBytes_FromStringAndSize((const char *)v->v, v->n * (Py_ssize_t)sizeof(int64_t));
}

/* Hits of one text, taking the mapped path (mapped(text) -> (norm, index)) when needed. */
static int scan_text(Automaton *a, PyObject *text, const View *t, PyObject *mapped, HitVec *h) {
    int r = hyphen_at_line_end(t) ? 0 : auto_scan(a, text, t, t, NULL, h);
    if (r != 0) return r;
    PyObject *res = PyObject_CallOneArg(mapped, text);
    if (!res) return -1;
    PyObject *norm, *idx;
    if (!PyArg_ParseTuple(res, "UO", &norm, &idx)) { Py_DECREF(res); return -1; }
    View src;
    int64_t *index = NULL;
    if (view_of(norm, &src) < 0 || index_from(idx, &index, src.len, t->len) < 0) { Py_DECREF(res); return -1; }
    if (!index && src.len != t->len) {
        Py_DECREF(res);
        PyErr_SetString(PyExc_ValueError, "mapped layer without index must be as long as the text");
        return -1;
    }
    r = auto_scan(a, text, t, &src, index, h);
    PyMem_Free(index);
    Py_DECREF(res);
    if (r == 0) {
        PyErr_SetString(PyExc_RuntimeError, "normalised layer still holds invisible characters");
        return -1;
    }
    return r;
}

static Py_ssize_t bisect_right(const int64_t *v, Py_ssize_t n, Py_ssize_t stride, int64_t x) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (x < v[mid * stride]) hi = mid; else lo = mid + 1;
    }
    return lo;
}

/* The first checks of text.classify_quote: 0 when the quotation is speech
 * whatever surrounds it (unclosed, more than SCARE_QUOTE_MAX_WORDS words, or
 * sentence punctuation inside), 1 when the attribution cues must be looked at. */
#define SCARE_QUOTE_MAX_WORDS 5
static int may_be_scare_quote(const View *t, int64_t start, int64_t end, int closed) {
    if (!closed) return 0;
    Py_ssize_t a = start + 1, b = end - 1;
    while (a < b && is_space(CH(t, a))) a++;
    while (b > a && is_space(CH(t, b - 1))) b--;
    if (a == b) return 1;
    int words = 0, in_word = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        Py_UCS4 c = CH(t, i);
        if (is_space(c)) { in_word = 0; continue; }
        if (!in_word && ++words > SCARE_QUOTE_MAX_WORDS) return 0;
        in_word = 1;
        if (c == '.' || c == '!' || c == '?' || (c == ';' && i < b - 1)) return 0;
    }
    return 1;
}

/* Column buffers and scratch space of match_batch */
typedef struct {
    Vec rows, starts, ends, entries, sentences, voices;  /* the columns */
    Vec sents, quotes, kinds;                           /* one article's sentences and quotations */
    int keep;                                           /* keep every article's sentences and quotations */
    Vec kept_sents, kept_quotes, sent_ends, quote_ends; /* ... here, with each article's end offsets */
    HitVec hits;
    PyObject *matched;                                  /* list of matched_text */
} Batch;

static void batch_free(Batch *b) {
    vec_free(&b->rows); vec_free(&b->starts); vec_free(&b->ends); vec_free(&b->entries);
    vec_free(&b->sentences); vec_free(&b->voices); vec_free(&b->sents); vec_free(&b->quotes);
    vec_free(&b->kinds);
    vec_free(&b->kept_sents); vec_free(&b->kept_quotes); vec_free(&b->sent_ends); vec_free(&b->quote_ends);
    PyMem_Free(b->hits.v);
    Py_XDECREF(b->matched);
}

/* One article of match_batch (match._Columns.add_article without actors). */
static int match_one(Automaton *a, Batch *b, PyObject *text, Py_ssize_t row, PyObject *mapped,
                     PyObject *classify) {
    View t;
    if (view_of(text, &t) < 0 || scan_text(a, text, &t, mapped, &b->hits) < 0) return -1;
    const Hit *h = b->hits.v;
    Py_ssize_t n = b->hits.n;
    if (!n) return 0;
    /* sentence starts, up to the last hit (all sentences when they are kept) */
    b->sents.n = 0;
    if (sentence_spans_c(&t, 0, t.len, b->keep ? t.len : h[n - 1].start + 1, &b->sents) < 0) return -1;
    /* quotations of the paragraphs holding hits */
    b->quotes.n = 0;
    Py_ssize_t para_end = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (h[i].start >= para_end) {
            Py_ssize_t ps;
            paragraph_of_c(&t, h[i].start, &ps, &para_end);
            if (paragraph_quotes_c(&t, ps, para_end, &b->quotes) < 0) return -1;
        }
    }
    Py_ssize_t nq = b->quotes.n / 3, ns = b->sents.n / 2;
    const int64_t *q = b->quotes.v;
    b->kinds.n = 0;
    for (Py_ssize_t k = 0; k < nq; k++) if (vec_push(&b->kinds, -1) < 0) return -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t s = h[i].start;
        Py_ssize_t si = ns ? bisect_right(b->sents.v, ns, 2, s) - 1 : 0;
        int64_t voice = 0;
        Py_ssize_t k = nq ? bisect_right(q, nq, 3, s) - 1 : -1;
        if (k >= 0 && s < q[3 * k + 1]) {  /* inside a quotation: classify it once */
            int64_t *kind = &b->kinds.v[k];
            if (*kind < 0 && !may_be_scare_quote(&t, q[3 * k], q[3 * k + 1], (int)q[3 * k + 2])) *kind = 1;
            if (*kind < 0) {
                PyObject *r = PyObject_CallFunction(classify, "OLLO", text, (long long)q[3 * k],
                                                    (long long)q[3 * k + 1], q[3 * k + 2] ? Py_True : Py_False);
                if (!r) return -1;
                int scare = PyObject_IsTrue(r);
                Py_DECREF(r);
                if (scare < 0) return -1;
                *kind = scare ? 2 : 1;
            }
            voice = *kind;
        }
        PyObject *m = PyUnicode_Substring(text, h[i].start, h[i].end);
        if (!m) return -1;
        int err = PyList_Append(b->matched, m);
        Py_DECREF(m);
        if (err < 0 || vec_push(&b->rows, row) < 0 || vec_push(&b->starts, h[i].start) < 0 ||
            vec_push(&b->ends, h[i].end) < 0 || vec_push(&b->entries, h[i].entry) < 0 ||
            vec_push(&b->sentences, si < 0 ? 0 : si) < 0 || vec_push(&b->voices, voice) < 0)
            return -1;
    }
    if (b->keep) {
        for (Py_ssize_t i = 0; i < b->sents.n; i++) if (vec_push(&b->kept_sents, b->sents.v[i]) < 0) return -1;
        for (Py_ssize_t k = 0; k < nq; k++)
            if (vec_push(&b->kept_quotes, q[3 * k]) < 0 || vec_push(&b->kept_quotes, q[3 * k + 1]) < 0 ||
                vec_push(&b->kept_quotes, q[3 * k + 2]) < 0 || vec_push(&b->kept_quotes, b->kinds.v[k]) < 0)
                return -1;
        if (vec_push(&b->sent_ends, b->kept_sents.n) < 0 || vec_push(&b->quote_ends, b->kept_quotes.n) < 0)
            return -1;
    }
    return 0;
}

/* match_batch(automaton, texts, mapped, classify, keep=False)
 *   texts: list; items that are not str are skipped (the caller reports them)
 *   mapped(text) -> (norm, index): text.normalize_mapped
 *   classify(text, start, end, closed) -> True for a scare quote: text.classify_quote
 * Returns (rows, starts, ends, entries, sentences, voices) as int64 bytes and
 * matched_text as a list.  voice: 0 narrative, 1 quoted, 2 scare_quote.
 * With keep, four more int64 bytes follow, for actor attribution: the sentence
 * spans (start, end pairs) of every article with hits, the quotations of its
 * paragraphs with hits (start, end, closed, kind: 1 speech, 2 scare quote, -1 not
 * classified), and for each such article the end offset of its part of each. */
static PyObject *match_batch(PyObject *self, PyObject *args) {
    Automaton *a;
    PyObject *texts, *mapped, *classify;
    int keep = 0;
    if (!PyArg_ParseTuple(args, "O!O!OO|p:match_batch", &AutomatonType, &a, &PyList_Type, &texts, &mapped,
                          &classify, &keep))
        return NULL;
    Batch b = {0};
    b.keep = keep;
    PyObject *res = NULL;
    if (!(b.matched = PyList_New(0))) return NULL;
    for (Py_ssize_t row = 0; row < PyList_GET_SIZE(texts); row++) {  /* callbacks could resize the list */
        PyObject *text = PyList_GET_ITEM(texts, row);
        if (!PyUnicode_Check(text)) continue;
        Py_INCREF(text);  /* the callbacks run Python code */
        int r = match_one(a, &b, text, row, mapped, classify);
        Py_DECREF(text);
        if (r < 0) goto done;
    }
    if (keep)
        res = Py_BuildValue("(NNNNNNONNNN)", vec_bytes(&b.rows), vec_bytes(&b.starts), vec_bytes(&b.ends),
                            vec_bytes(&b.entries), vec_bytes(&b.sentences), vec_bytes(&b.voices), b.matched,
                            vec_bytes(&b.kept_sents), vec_bytes(&b.kept_quotes), vec_bytes(&b.sent_ends),
                            vec_bytes(&b.quote_ends));
    else
        res = Py_BuildValue("(NNNNNNO)", vec_bytes(&b.rows), vec_bytes(&b.starts), vec_bytes(&b.ends),
                            vec_bytes(&b.entries), vec_bytes(&b.sentences), vec_bytes(&b.voices), b.matched);
done:
    batch_free(&b);
    return res;
}

/* layer(text) -> the normalised layer (text.normalize), or None when the text
 * holds invisible characters (text.normalize_mapped drops those). */
static PyObject *layer_py(PyObject *self, PyObject *args) {
    PyObject *text;
    if (!PyArg_ParseTuple(args, "U:layer", &text)) return NULL;
    View t;
    if (view_of(text, &t) < 0) return NULL;
    Py_UCS4 *buf = PyMem_Malloc((t.len + 1) * sizeof(Py_UCS4));
    if (!buf) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < t.len; i++) {
        Py_UCS4 f = fold_char(CH(&t, i));
        if (f == 0) { PyMem_Free(buf); return NULL; }
        if (f == FOLD_INVISIBLE) { PyMem_Free(buf); Py_RETURN_NONE; }
        buf[i] = f;
    }
    PyObject *r = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, t.len);
    PyMem_Free(buf);
    return r;
}

static PyObject *set_fold(PyObject *self, PyObject *func) {
    if (!PyCallable_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "set_fold needs a callable");
        return NULL;
    }
    Py_XSETREF(fold_func, Py_NewRef(func));
    for (Py_ssize_t i = 0; i < 0x10000; i++) bmp_fold[i] = FOLD_UNKNOWN;
    Py_RETURN_NONE;
}

/* ------------------------------------------------------------------------- */
/* Actor attribution: the target and speaker rules of actors._Article, in C  */
/* ------------------------------------------------------------------------- */
/* attribute(art, quoted) -> [(actor or None, rule, speaker)]: actors._Article.target(h)
 * for every hit, then speaker_of_hit(h) for the quoted ones; targets(art) gives the
 * targets alone.  Each function below mirrors the method of the same name in
 * framing/actors.py, which stays the reference (tests/test_speedups.py and
 * tests/test_targets_c.py bind the two).  Simple regexes are written out here; the
 * intricate ones (_LED_BY, _PREP_BEFORE, _JUDGE_BEFORE, _AGAINST, _APPOSITIVE_GAP,
 * _SPEECH_NEXT, _POSSESSED_MEMBERS, _DATELINE and the speaker cues) stay Python re
 * patterns, called from here, and so does _Article.is_speech for quotations the
 * matcher did not classify. */

#define CLAUSE_WINDOW_C 8   /* actors.CLAUSE_WINDOW */

/* word lists of actors.py, as bits (set_attr_words gives them in this order) */
#define WB(n) ((uint64_t)1 << (n))
#define W_PERSON_PRON WB(0)
#define W_GROUP_PRON WB(1)
#define W_OBJECT_PRON WB(2)
#define W_POSS_PRON WB(3)
#define W_FIRST_PRON WB(4)
#define W_DETS WB(5)
#define W_ARTICLES WB(6)
#define W_COPULAS WB(7)
#define W_AUX WB(8)
#define W_LINK_ADV WB(9)
#define W_CALL WB(10)
#define W_AS_VERBS WB(11)
#define W_MEMBER WB(12)
#define W_PERSON_NOUN WB(13)
#define W_TITLE WB(14)
#define W_CLAUSE_STOP WB(15)
#define W_RELATIVE WB(16)
#define W_PRED WB(17)
#define W_ONLY WB(18)
#define W_OF_AS WB(19)
#define W_AS WB(20)
#define W_WHICH_THAT WB(21)
#define W_NON_NAME_CAPS WB(22)
#define W_NAME_TRAILERS WB(23)
#define W_ARTICLE_CAPS WB(24)
#define W_ORG WB(25)
#define W_SPEAKER_NP_STOP WB(26)
#define W_NAME_CONNECTORS WB(27)
#define W_AUX_SPEECH WB(28)
#define W_MEDIUM WB(29)
#define W_WE_YOU WB(30)
#define W_THAT WB(31)
#define W_N_SETS 32
/* filled in C: the words of the case-sensitive regexes written out below */
#define W_BREAK WB(32)
#define W_BREAK_COMMA WB(33)
#define W_PRON_RE WB(34)
#define W_PRON_RE_CAP WB(35)
#define W_POSS_RE_CAP WB(36)
#define W_PAIR1 WB(37)
#define W_SPEECH_RE WB(38)
#define W_SPEECH_PAIR1 WB(39)
/* the case of the word itself (cased_flags) */
#define W_LOWER WB(40)
#define W_CAPITALIZED WB(41)
#define W_PRONOUNS (W_PERSON_PRON | W_GROUP_PRON)

#define WT_SIZE 4096
#define WT_LEN 32
typedef uint64_t wflags_t;
static struct { char w[WT_LEN]; wflags_t flags; } wtab[WT_SIZE];
static int attr_ready = 0;

static uint32_t wt_hash(const char *w, Py_ssize_t n) {
    uint32_t h = 2166136261u;
    for (Py_ssize_t i = 0; i < n; i++) h = (h ^ (uint8_t)w[i]) * 16777619u;
    return h;
}

static int wt_add(const char *w, Py_ssize_t n, wflags_t flag) {
    if (n <= 0 || n >= WT_LEN) return 0;  /* no token of the rules is that long */
    uint32_t i = wt_hash(w, n) & (WT_SIZE - 1);
    for (int probes = 0; probes < WT_SIZE; probes++, i = (i + 1) & (WT_SIZE - 1)) {
        if (!wtab[i].w[0]) { memcpy(wtab[i].w, w, n); wtab[i].w[n] = 0; wtab[i].flags = flag; return 0; }
        if ((Py_ssize_t)strlen(wtab[i].w) == n && !memcmp(wtab[i].w, w, n)) { wtab[i].flags |= flag; return 0; }
    }
    PyErr_SetString(PyExc_ValueError, "set_attr_words: too many words");
    return -1;
}

static wflags_t wt_get(const char *w, Py_ssize_t n) {
    if (n <= 0 || n >= WT_LEN) return 0;
    uint32_t i = wt_hash(w, n) & (WT_SIZE - 1);
    while (wtab[i].w[0]) {
        if (!memcmp(wtab[i].w, w, n) && wtab[i].w[n] == 0) return wtab[i].flags;
        i = (i + 1) & (WT_SIZE - 1);
    }
    return 0;
}

/* flags of text[s:e].lower() (str.lower: only U+212A KELVIN SIGN lower-cases into ASCII) */
static wflags_t word_flags(const View *t, Py_ssize_t s, Py_ssize_t e) {
    char buf[WT_LEN];
    if (e - s <= 0 || e - s >= WT_LEN) return 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = CH(t, i);
        if (c >= 'A' && c <= 'Z') c += 32;
        else if (c == 0x212A) c = 'k';
        else if (c >= 128) return 0;
        buf[i - s] = (char)c;
    }
    return wt_get(buf, e - s);
}

/* word_flags plus W_LOWER (all lower-case ASCII) or W_CAPITALIZED (one ASCII capital, then lower case) */
static wflags_t cased_flags(const View *t, Py_ssize_t s, Py_ssize_t e) {
    wflags_t f = word_flags(t, s, e);
    if (!f) return 0;
    Py_UCS4 c = CH(t, s);
    wflags_t kind = (c >= 'a' && c <= 'z') ? W_LOWER : (c >= 'A' && c <= 'Z') ? W_CAPITALIZED : 0;
    for (Py_ssize_t i = s + 1; kind && i < e; i++) {
        c = CH(t, i);
        if (!(c >= 'a' && c <= 'z')) kind = 0;
    }
    return f | kind;
}

/* the Python side: patterns, method names */
enum { P_SPEECH_NEXT, P_APPOSITIVE_GAP, P_POSSESSED_MEMBERS, P_LED_BY, P_PREP_BEFORE, P_JUDGE_BEFORE,
       P_AGAINST, P_DATELINE, P_AFTER_CUE, P_WEAK_AFTER, P_SUBJECT_CUE, P_NEXT_CUE, P_WORDS_OF,
       P_BEFORE_ACCORDING, P_POSS_MEDIUM, P_LEAD_ADVERBIAL, P_N };
static PyObject *attr_pat[P_N];
static PyObject *s_match, *s_search, *s_fullmatch, *s_start, *s_end, *s_is_speech;

static const Py_UCS4 QUOTE_MARKS[] = {'"', '\'', 0x201c, 0x201d, 0x201e, 0x201f, 0x2018, 0x2019, 0x201a,
                                      0x201b, 0x00ab, 0x00bb, 0x2039, 0x203a, 0};
static const Py_UCS4 HYPHENS[] = {'-', 0x2010, 0x2011, 0};
static const Py_UCS4 APOSTROPHES[] = {'\'', 0x2019, 0};

typedef struct { Py_ssize_t s, e; int actor, kind, anaphor; } Mention;
typedef struct { Py_ssize_t s, e; wflags_t flags; Py_UCS4 c0; } Tok;
typedef struct { Tok *v; Py_ssize_t n, cap; } TokVec;
typedef struct { Py_ssize_t s, e; } Span;

typedef struct {
    PyObject *art, *text;
    View t;
    Py_ssize_t nh, ns, nq, nm;
    Py_ssize_t *hs, *he, *sa, *sb, *qs, *qe, *qia, *qib;
    signed char *speech;        /* per quotation: -1 unknown */
    Py_ssize_t *dateline;       /* per sentence: -1 unknown */
    Span **names;               /* per sentence: NULL unknown */
    Py_ssize_t *n_names;
    Mention *m;
    Py_ssize_t *ms;             /* mention starts */
    signed char *qclosed;
    PyObject *actor_names;      /* ActorMatcher.names */
    signed char *sp_state;      /* per quotation: 0 not looked for, 1 being looked for, 2 found */
    PyObject **sp_name;         /* the speaker (a new reference when found) */
    int *sp_actor;              /* and its actor, or -1 */
    int err;
} Art;

/* results of the rules: NONE (None), or actor >= 0 / -1 with a rule */
enum { TR_NONE = 0, TR_CONTAINS, TR_PREMODIFIER, TR_APPOSITION, TR_POSSESSIVE, TR_PREDICATE, TR_LED_BY,
       TR_PRONOUN, TR_CLAUSE, TR_MENTION, TR_N };
static const char *RULE_NAMES[] = {"", "contains", "premodifier", "apposition", "possessive", "predicate",
                                   "led_by", "pronoun", "clause", "mention"};
typedef struct { int actor; int rule; } Res;   /* rule == TR_NONE: None */
static const Res NO_RES = {0, TR_NONE};
static inline Res res(int actor, int rule) { Res r = {actor, rule}; return r; }
static inline Res neg(void) { Res r = {-1, TR_CONTAINS}; return r; }  /* (-1, "") : rule irrelevant */

static int tok_push(TokVec *v, Tok x) {
    if (v->n == v->cap && grow((void **)&v->v, &v->cap, sizeof(Tok)) < 0) return -1;
    v->v[v->n++] = x;
    return 0;
}

static inline int isalnum_(Py_UCS4 c) { return c < 128 ? (ascii_class[c] & 1) : Py_UNICODE_ISALNUM(c); }

/* _TOKEN = [^\W_]+(?:[’'][^\W_]+)*(?:[-‐‑.][^\W_]+)*|[^\w\s], from p (< b): the next
 * token, or 0 when there is none; *p moves past it. */
static int tok_next(const View *t, Py_ssize_t *p, Py_ssize_t b, Tok *out) {
    Py_ssize_t i = *p;
    while (i < b) {
        Py_UCS4 c = CH(t, i);
        if (isalnum_(c)) {
            Py_ssize_t q = i;
            while (q < b && isalnum_(CH(t, q))) q++;
            while (q + 1 < b && in_set(CH(t, q), APOSTROPHES) && isalnum_(CH(t, q + 1))) {
                q++;
                while (q < b && isalnum_(CH(t, q))) q++;
            }
            while (q + 1 < b && (CH(t, q) == '.' || in_set(CH(t, q), HYPHENS)) && isalnum_(CH(t, q + 1))) {
                q++;
                while (q < b && isalnum_(CH(t, q))) q++;
            }
            out->s = i; out->e = q; out->c0 = c; out->flags = word_flags(t, i, q);
            *p = q;
            return 1;
        }
        if (c == '_' || is_word(c) || is_space(c)) { i++; continue; }
        out->s = i; out->e = i + 1; out->c0 = c; out->flags = 0;
        *p = i + 1;
        return 1;
    }
    *p = i;
    return 0;
}

/* _Article.tokens(a, b): a window starting inside a word skips that word's tail */
static Py_ssize_t tok_start(const View *t, Py_ssize_t a, Py_ssize_t b) {
    if (0 < a && a < t->len && isalnum_(CH(t, a - 1)) && isalnum_(CH(t, a)))
        while (a < b && isalnum_(CH(t, a))) a++;
    return a;
}

static int tokens(Art *A, Py_ssize_t a, Py_ssize_t b, TokVec *out) {
    out->n = 0;
    Py_ssize_t p = tok_start(&A->t, a, b);
    Tok x;
    while (tok_next(&A->t, &p, b, &x))
        if (tok_push(out, x) < 0) { A->err = 1; return -1; }
    return 0;
}

static inline int t_single(const Tok *x, const Py_UCS4 *set) { return x->e - x->s == 1 && in_set(x->c0, set); }
static inline int t_quote(const Tok *x) { return t_single(x, QUOTE_MARKS); }
static inline int t_word(const Tok *x) { return isalnum_(x->c0); }
static inline int t_is(const Tok *x, Py_UCS4 c) { return x->e - x->s == 1 && x->c0 == c; }

/* -- look-ups ---------------------------------------------------------------- */
static Py_ssize_t bisect_r(const Py_ssize_t *v, Py_ssize_t n, Py_ssize_t x) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) { Py_ssize_t mid = (lo + hi) / 2; if (x < v[mid]) hi = mid; else lo = mid + 1; }
    return lo;
}
static Py_ssize_t bisect_l(const Py_ssize_t *v, Py_ssize_t n, Py_ssize_t x) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) { Py_ssize_t mid = (lo + hi) / 2; if (v[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
}

static Py_ssize_t sentence_of(Art *A, Py_ssize_t pos) {
    Py_ssize_t k = bisect_r(A->sa, A->ns, pos) - 1;
    return k < 0 ? 0 : k;
}

static Py_ssize_t quote_at(Art *A, Py_ssize_t pos) {
    Py_ssize_t k = bisect_r(A->qs, A->nq, pos) - 1;
    return (k >= 0 && pos < A->qe[k]) ? k : -1;
}

/* Every function that calls into Python returns at once, with a neutral value, once
 * A->err is set: the exception stays as raised until run_attribution reports it. */
static int is_speech(Art *A, Py_ssize_t k) {
    if (A->err) return 0;
    if (A->speech[k] < 0) {
        PyObject *kk = PyLong_FromSsize_t(k);
        PyObject *r = kk ? PyObject_CallMethodOneArg(A->art, s_is_speech, kk) : NULL;
        Py_XDECREF(kk);
        int v = r ? PyObject_IsTrue(r) : -1;
        Py_XDECREF(r);
        if (v < 0) { A->err = 1; return 0; }
        A->speech[k] = (signed char)v;
    }
    return A->speech[k];
}

static Py_ssize_t speech_quote_at(Art *A, Py_ssize_t pos) {
    Py_ssize_t k = quote_at(A, pos);
    return (k >= 0 && is_speech(A, k)) ? k : -1;
}

static int outside_quotes(Art *A, Py_ssize_t pos, Py_ssize_t own) {
    Py_ssize_t q = speech_quote_at(A, pos);
    return q < 0 || q == own;
}

/* mentions_in(a, b): the mentions i in [lo, hi) with ms[i] < b; a caller keeps those with e <= b */
static Py_ssize_t m_lo(Art *A, Py_ssize_t a) { return bisect_l(A->ms, A->nm, a); }
static Py_ssize_t m_hi(Art *A, Py_ssize_t b) { return bisect_l(A->ms, A->nm, b); }

static int any_mention_in(Art *A, Py_ssize_t a, Py_ssize_t b) {
    for (Py_ssize_t i = m_lo(A, a); i < A->nm && A->m[i].s < b; i++)
        if (A->m[i].e <= b) return 1;
    return 0;
}

/* _POSSESSIVE_TAIL.match(text, a, b): [’']s?\Z */
static int poss_tail(Art *A, Py_ssize_t a, Py_ssize_t b) {
    if (a >= b || !in_set(CH(&A->t, a), APOSTROPHES)) return 0;
    return b == a + 1 || (b == a + 2 && CH(&A->t, a + 1) == 's');
}

static Py_ssize_t mention_ending_at(Art *A, Py_ssize_t end, Py_ssize_t lo) {
    Py_ssize_t i = bisect_r(A->ms, A->nm, end) - 1;
    while (i >= 0 && A->m[i].s >= lo) {
        Mention *x = &A->m[i];
        if (x->e == end || (x->e < end && poss_tail(A, x->e, end))) return i;
        if (x->e < end - 2) return -1;
        i--;
    }
    return -1;
}

static int in_other_hit(Art *A, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t i = bisect_r(A->hs, A->nh, a) - 1;
    return i >= 0 && A->he[i] >= b;
}

static void region(Art *A, Py_ssize_t start, Py_ssize_t end, Py_ssize_t *a, Py_ssize_t *b, Py_ssize_t *q) {
    Py_ssize_t k = sentence_of(A, start);
    *a = A->sa[k];
    *b = A->sb[k] > end ? A->sb[k] : end;
    *q = speech_quote_at(A, start);
    if (*q >= 0) {
        if (A->qia[*q] > *a) *a = A->qia[*q];
        if (A->qib[*q] >= end && A->qib[*q] < *b) *b = A->qib[*q];
    }
}

static Py_ssize_t match_pos(Art *A, PyObject *m, PyObject *meth, int group);
static Py_ssize_t dateline_end(Art *A, Py_ssize_t k) {
    /* End of a dateline (CARACAS (Reuters) —) opening sentence k, else its start */
    if (A->err) return A->sa[k];
    if (A->dateline[k] < 0) {
        Py_ssize_t a = A->sa[k], b = A->sb[k] < a + 70 ? A->sb[k] : a + 70;
        PyObject *pa = PyLong_FromSsize_t(a), *pb = PyLong_FromSsize_t(b < a ? a : b), *r = NULL;
        if (pa && pb) r = PyObject_CallMethodObjArgs(attr_pat[P_DATELINE], s_match, A->text, pa, pb, NULL);
        Py_XDECREF(pa);
        Py_XDECREF(pb);
        if (!r) { A->err = 1; return a; }
        A->dateline[k] = r == Py_None ? a : match_pos(A, r, s_end, 0);
        Py_DECREF(r);
        if (A->err) return a;
    }
    return A->dateline[k];
}

/* name_runs(k) -> spans (computed once per sentence) */
static int name_runs_core(const View *t, Py_ssize_t a, Py_ssize_t b, const Mention *ms, Py_ssize_t lo,
                          Py_ssize_t hi, TokVec *T, Vec *out);
static Py_ssize_t m_lo(Art *A, Py_ssize_t a);
static Py_ssize_t name_runs(Art *A, Py_ssize_t k, Span **out) {
    if (!A->names[k]) {
        Py_ssize_t a = A->sa[k], b = A->sb[k];
        Vec v = {0};
        TokVec T = {0};
        int r = name_runs_core(&A->t, a, b, A->m, m_lo(A, a), m_lo(A, b), &T, &v);
        PyMem_Free(T.v);
        Span *sp = r < 0 ? NULL : (Span *)PyMem_Malloc((v.n / 2 + 1) * sizeof(Span));
        if (!sp) { vec_free(&v); if (r >= 0) PyErr_NoMemory(); A->err = 1; *out = NULL; return 0; }
        for (Py_ssize_t i = 0; i < v.n / 2; i++) { sp[i].s = v.v[2 * i]; sp[i].e = v.v[2 * i + 1]; }
        A->names[k] = sp;
        A->n_names[k] = v.n / 2;
        vec_free(&v);
    }
    *out = A->names[k];
    return A->n_names[k];
}

/* -- small regexes, written out ------------------------------------------------ */
static inline int at_boundary_start(const View *t, Py_ssize_t p) { return p == 0 || !is_word(CH(t, p - 1)); }

/* end of the \w run from p, stopping at b */
static Py_ssize_t word_run(const View *t, Py_ssize_t p, Py_ssize_t b) {
    while (p < b && is_word(CH(t, p))) p++;
    return p;
}

static int eq_ascii(const View *t, Py_ssize_t s, Py_ssize_t e, const char *w) {
    Py_ssize_t n = (Py_ssize_t)strlen(w);
    if (e - s != n) return 0;
    for (Py_ssize_t i = 0; i < n; i++) if (CH(t, s + i) != (Py_UCS4)(uint8_t)w[i]) return 0;
    return 1;
}

/* _PRONOUN_RE and _POSS_PRON_RE: the lower-case words; the flagged ones also capitalised */
static const char *PRONOUN_WORDS[] = {"he", "him", "his", "himself", "she", "herself", "they", "them", "their",
                                      "themselves", "its", "itself", NULL};
static const char *PRONOUN_CAPS[] = {"he", "she", "they", NULL};
static const char *POSS_PRON_WORDS[] = {"his", "her", "its", "their", NULL};
enum { WS_PRONOUN, WS_POSS_PRON };

static int word_is(wflags_t f, int which) {
    if (which == WS_PRONOUN)
        return ((f & W_PRON_RE) && (f & W_LOWER)) || ((f & W_PRON_RE_CAP) && (f & W_CAPITALIZED));
    return (f & W_POSS_RE_CAP) && (f & (W_LOWER | W_CAPITALIZED));
}

/* \b(?:words)\b search in [p, b): start of the first match (end in *e), or -1 */
static Py_ssize_t word_search(const View *t, Py_ssize_t p, Py_ssize_t b, int which, Py_ssize_t *e) {
    if (p < b && p > 0 && is_word(CH(t, p - 1))) p = word_run(t, p, b);
    while (p < b) {
        if (!is_word(CH(t, p))) { p++; continue; }
        Py_ssize_t r = word_run(t, p, b);
        if (word_is(cased_flags(t, p, r), which)) { *e = r; return p; }
        p = r;
    }
    return -1;
}

/* _nwords: len(text[a:b].split()) */
static Py_ssize_t nwords(const View *t, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t n = 0;
    int in = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        if (is_space(CH(t, i))) in = 0;
        else if (!in) { in = 1; n++; }
    }
    return n;
}

/* _CLAUSE_BREAK: the next match in [p, b) from p, as (*s, *e); *relative when it is which/who/... */
static const char *BREAK_COMMA_WORDS[] = {"and", "but", "or", "so", "yet", "as", "because", "while", "whereas",
    "although", "though", "which", "who", "whom", "whose", "where", "when", "after", "before", "since",
    "until", "unless", "if", "according", NULL};
static const char *BREAK_WORDS[] = {"that", "because", "while", "whereas", "although", "though", "after",
    "before", "since", "until", "unless", "if", "when", "which", "who", "whom", "whose", NULL};
static const char *SPEECH_PAIRS[] = {"shot", "back", "fired", "back", "hit", "back", "according", "to", NULL};
static const char *SPEECH_PAIR_FIRSTS[] = {"shot", "fired", "hit", NULL};
static const Py_UCS4 BREAK_CHARS[] = {';', ':', '(', ')', '[', ']', 0x2014, 0x2013, 0};

static Py_ssize_t skip_spaces(const View *t, Py_ssize_t p, Py_ssize_t b) {
    while (p < b && is_space(CH(t, p))) p++;
    return p;
}

static int comma_break(const View *t, Py_ssize_t p, Py_ssize_t b) {  /* p is at ',' */
    Py_ssize_t q = skip_spaces(t, p + 1, b);
    if (q == p + 1 || q >= b) return 0;
    Py_ssize_t r = word_run(t, q, b);
    if (r > q) {
        wflags_t f = cased_flags(t, q, r);
        if ((f & W_BREAK_COMMA) && (f & W_LOWER)) return 1;
    }
    Py_ssize_t z = q;   /* [a-z]+ing\b */
    while (z < b && CH(t, z) >= 'a' && CH(t, z) <= 'z') z++;
    return z - q >= 4 && eq_ascii(t, z - 3, z, "ing") && (z == b || !is_word(CH(t, z)));
}

static int next_break(const View *t, Py_ssize_t p, Py_ssize_t b, Py_ssize_t *s, Py_ssize_t *e, int *relative) {
    for (; p < b; p++) {
        Py_UCS4 c = CH(t, p);
        *relative = 0;
        if (in_set(c, BREAK_CHARS)) { *s = p; *e = p + 1; return 1; }
        if (is_space(c) && p + 2 < b && CH(t, p + 1) == '-' && is_space(CH(t, p + 2))) {
            *s = p; *e = p + 3; return 1;
        }
        if (c == ',' && comma_break(t, p, b)) { *s = p; *e = p + 1; return 1; }
        if (is_word(c) && at_boundary_start(t, p)) {
            Py_ssize_t r = word_run(t, p, b);
            wflags_t f = cased_flags(t, p, r);
            if ((f & W_BREAK) && (f & W_LOWER)) {
                *s = p; *e = r; *relative = (f & W_RELATIVE) != 0;
                return 1;
            }
            for (const char **pw = SPEECH_PAIRS; (f & W_PAIR1) && (f & W_LOWER) && *pw; pw += 2) {
                if (!eq_ascii(t, p, r, pw[0])) continue;
                Py_ssize_t q = skip_spaces(t, r, b);
                if (q > r) {
                    Py_ssize_t r2 = word_run(t, q, b);
                    if (eq_ascii(t, q, r2, pw[1])) { *s = p; *e = r2; return 1; }
                }
            }
            p = r - 1;  /* no boundary inside the run */
        }
    }
    return 0;
}

/* -- calls into Python ------------------------------------------------------------ */
static PyObject *pat_call(Art *A, int which, PyObject *meth, PyObject *text, Py_ssize_t a, Py_ssize_t b) {
    if (A->err) return NULL;
    PyObject *pa = PyLong_FromSsize_t(a), *pb = PyLong_FromSsize_t(b), *r = NULL;
    if (pa && pb) r = PyObject_CallMethodObjArgs(attr_pat[which], meth, text, pa, pb, NULL);
    Py_XDECREF(pa);
    Py_XDECREF(pb);
    if (!r) A->err = 1;
    return r;
}

/* 1 when the pattern matches (m is set to the match, new reference), 0 when not, and A->err on error */
static int pat_test(Art *A, int which, PyObject *meth, Py_ssize_t a, Py_ssize_t b, PyObject **m) {
    if (b < a) b = a;
    PyObject *r = pat_call(A, which, meth, A->text, a, b);
    if (!r) return 0;
    if (r == Py_None) { Py_DECREF(r); return 0; }
    if (m) *m = r; else Py_DECREF(r);
    return 1;
}

static Py_ssize_t match_pos(Art *A, PyObject *m, PyObject *meth, int group) {
    if (A->err) return -1;
    PyObject *g = PyLong_FromLong(group);
    PyObject *r = g ? PyObject_CallMethodOneArg(m, meth, g) : NULL;
    Py_XDECREF(g);
    Py_ssize_t v = r ? PyLong_AsSsize_t(r) : -1;
    Py_XDECREF(r);
    if (v == -1 && PyErr_Occurred()) A->err = 1;
    return v;
}

/* -- names of people who are not declared actors ------------------------------------- */
static inline int is_cap(Py_UCS4 c) {   /* [A-ZÀ-ÖØ-Þ] */
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xDE);
}
static inline int is_name_char(Py_UCS4 c) { return is_word(c) || c == 0x2019 || c == '\'' || c == '.' || c == '-'; }


/* _CAP_RUN = (?<![\w’'])[CAP][\w’'.-]*(?:\s+(?:(?:de|del|...|y)\s+)*[CAP][\w’'.-]*)+
 * the next match in [p, b): its start, end in *e; or -1 */
static Py_ssize_t cap_run_next(const View *t, Py_ssize_t p, Py_ssize_t b, Py_ssize_t *e) {
    for (; p < b; p++) {
        if (!is_cap(CH(t, p))) continue;
        if (p > 0) {
            Py_UCS4 prev = CH(t, p - 1);
            if (is_word(prev) || prev == 0x2019 || prev == '\'') continue;
        }
        Py_ssize_t end = p + 1;
        while (end < b && is_name_char(CH(t, end))) end++;
        int groups = 0;
        for (;;) {   /* (?:\s+ (?:connector \s+)* [CAP][\w’'.-]*) */
            Py_ssize_t q = skip_spaces(t, end, b);
            if (q == end) break;
            for (;;) {   /* connectors: one of _NAME_CONNECTORS in lower case, then white space */
                Py_ssize_t r = q;
                while (r < b && CH(t, r) >= 'a' && CH(t, r) <= 'z') r++;
                if (r == q || r >= b || !is_space(CH(t, r)) || !(word_flags(t, q, r) & W_NAME_CONNECTORS)) break;
                q = skip_spaces(t, r, b);
            }
            if (q >= b || !is_cap(CH(t, q))) break;
            end = q + 1;
            while (end < b && is_name_char(CH(t, end))) end++;
            groups++;
        }
        if (groups) { *e = end; return p; }
    }
    return -1;
}

/* _Article.name_runs: runs of capitalised words in [a, b) that look like a person's name
 * and overlap none of the mentions ms[lo:hi] (those with start < b and end <= b count) */
static int name_runs_core(const View *t, Py_ssize_t a, Py_ssize_t b, const Mention *ms, Py_ssize_t lo,
                          Py_ssize_t hi, TokVec *T, Vec *out) {
    Py_ssize_t p = a, e;
    Py_ssize_t s;
    while ((s = cap_run_next(t, p, b, &e)) >= 0) {
        p = e;
        Py_ssize_t n = 0, first = 0, q = s;
        Tok x;
        T->n = 0;
        while (tok_next(t, &q, e, &x))
            if (tok_push(T, x) < 0) return -1;
        const Tok *v = T->v;
        n = T->n;
        while (first < n && (v[first].flags & W_NON_NAME_CAPS)) first++;
        while (n > first && (!isalnum_(v[n - 1].c0) || (v[n - 1].flags & W_NAME_TRAILERS))) n--;
        if (n - first < 2 || (v[first].flags & W_ARTICLE_CAPS)) continue;
        int org = 0;
        for (Py_ssize_t i = first; i < n && !org; i++) org = (v[i].flags & W_ORG) != 0;
        if (org) continue;
        Py_ssize_t rs = v[first].s, re_ = v[n - 1].e;
        int clash = 0;
        for (Py_ssize_t i = lo; i < hi && !clash; i++)
            if (ms[i].s < b && ms[i].e <= b) clash = ms[i].s < re_ && rs < ms[i].e;
        if (clash) continue;
        if (vec_push(out, rs) < 0 || vec_push(out, re_) < 0) return -1;
    }
    return 0;
}

/* -- pronouns ----------------------------------------------------------------------- */
static Py_ssize_t clause_start(Art *A, Py_ssize_t a, Py_ssize_t pos) {
    Py_ssize_t start = a, s, e;
    int rel;
    Py_ssize_t p = a;
    while (next_break(&A->t, p, pos, &s, &e, &rel)) { start = e; p = e; }
    return start;
}

static inline int kind_ok(int kind, int person) { return person ? kind == 1 : kind == 2; }

/* resolve_pronoun: the actor (>= 0), -1 for None, or -2 for the name of a person who is
 * no declared actor (its span in *name when name is not NULL) */
static int resolve_pronoun(Art *A, Py_ssize_t pos, wflags_t wflags, Py_ssize_t own, Span *name) {
    int person = (wflags & W_PERSON_PRON) != 0;
    Py_ssize_t k = sentence_of(A, pos);
    Py_ssize_t sa = dateline_end(A, k);
    if (own >= 0) {
        Py_ssize_t qa = A->qia[own];
        for (Py_ssize_t i = m_hi(A, pos) - 1; i >= m_lo(A, qa); i--) {
            if (A->m[i].e > pos) continue;
            if (kind_ok(A->m[i].kind, person)) return A->m[i].actor;
        }
        return -1;
    }
    Py_ssize_t limit = (wflags & W_OBJECT_PRON) ? clause_start(A, sa, pos) : pos;
    Py_ssize_t best = -1;
    int best_actor = -1;
    Span best_name = {0, 0};
    for (Py_ssize_t i = m_lo(A, sa); i < A->nm && A->m[i].s < limit; i++) {
        Mention *x = &A->m[i];
        if (x->e <= limit && kind_ok(x->kind, person) && outside_quotes(A, x->s, -1) && x->s > best) {
            best = x->s;
            best_actor = x->actor;
        }
    }
    if (person) {
        Span *runs;
        Py_ssize_t n = name_runs(A, k, &runs);
        for (Py_ssize_t i = 0; i < n; i++)
            if (sa <= runs[i].s && runs[i].e <= limit && outside_quotes(A, runs[i].s, -1) && runs[i].s > best) {
                best = runs[i].s;
                best_actor = -2;
                best_name = runs[i];
            }
    }
    if (best >= 0) {
        if (best_actor == -2 && name) *name = best_name;
        return best_actor;
    }
    for (Py_ssize_t kk = k - 1; kk >= k - 2; kk--) {
        if (kk < 0) break;
        Py_ssize_t a = dateline_end(A, kk), b = A->sb[kk];
        best = -1;
        for (Py_ssize_t i = m_lo(A, a); i < A->nm && A->m[i].s < b; i++) {
            Mention *x = &A->m[i];
            if (x->e <= b && kind_ok(x->kind, person) && outside_quotes(A, x->s, -1)) {
                best = x->s;
                best_actor = x->actor;
                break;   /* mentions are sorted: the first is the minimum */
            }
        }
        if (person) {
            Span *runs;
            Py_ssize_t n = name_runs(A, kk, &runs);
            for (Py_ssize_t i = 0; i < n; i++)
                if (a <= runs[i].s && outside_quotes(A, runs[i].s, -1) && (best < 0 || runs[i].s < best)) {
                    best = runs[i].s;
                    best_actor = -2;
                    best_name = runs[i];
                }
        }
        if (best >= 0) {
            if (best_actor == -2 && name) *name = best_name;
            return best_actor;
        }
    }
    return -1;
}

/* -- noun phrases ------------------------------------------------------------------- */
static int np_before(Art *A, const TokVec *T, Py_ssize_t i, Span *out) {
    Py_ssize_t j = i;
    const Tok *v = T->v;
    while (j >= 0 && t_quote(&v[j])) j--;
    if (j < 0 || !t_word(&v[j])) return 0;
    Py_ssize_t end = v[j].e, start = -1;
    int n = 0;
    while (j >= 0 && n < 7) {
        const Tok *w = &v[j];
        if (t_quote(w) || t_single(w, HYPHENS)) { j--; continue; }
        if (!t_word(w)) break;
        if (w->flags & (W_PRONOUNS | W_FIRST_PRON)) {
            if (start < 0 || (w->flags & W_POSS_PRON)) start = w->s;
            break;
        }
        if (w->flags & W_CLAUSE_STOP) break;
        start = w->s;
        n++;
        if (w->flags & W_DETS) break;
        j--;
    }
    if (start < 0) return 0;
    Py_ssize_t x = mention_ending_at(A, end, 0);
    if (x >= 0 && A->m[x].s < start) start = A->m[x].s;
    out->s = start;
    out->e = end;
    return 1;
}

static int np_after(Art *A, Py_ssize_t a, Py_ssize_t b, Span *out) {
    Py_ssize_t start = -1, end = -1, p = tok_start(&A->t, a, b);
    int n = 0;
    Tok w;
    while (tok_next(&A->t, &p, b, &w)) {
        if (t_quote(&w)) continue;
        if (!t_word(&w) || (start >= 0 && (w.flags & W_CLAUSE_STOP))) break;
        if (start < 0) start = w.s;
        end = w.e;
        if (++n >= 7) break;
    }
    if (start < 0) return 0;
    out->s = start;
    out->e = end;
    return 1;
}

static int speaker_of_quote(Art *A, Py_ssize_t q, int depth);
static int speaker_actor(Art *A, Py_ssize_t q) {   /* speaker_of_quote(q)[1], -1 for None */
    speaker_of_quote(A, q, 0);
    return A->err ? -1 : A->sp_actor[q];
}

/* resolve_np: actor >= 0 with *via (TR_MENTION or TR_PRONOUN), or -1 */
static int resolve_np(Art *A, Py_ssize_t a, Py_ssize_t b, Py_ssize_t own, int prefer_last, int *via) {
    Py_ssize_t p = tok_start(&A->t, a, b);
    Tok w, first, last;
    int any = 0;
    while (tok_next(&A->t, &p, b, &w)) {
        if (t_quote(&w)) continue;
        if (!any) first = w;
        last = w;
        any = 1;
    }
    if (!any) return -1;
    Py_ssize_t pick = -1;
    for (Py_ssize_t i = m_lo(A, first.s); i < A->nm && A->m[i].s < last.e; i++) {
        if (A->m[i].e > last.e) continue;
        pick = i;
        if (!prefer_last) break;
    }
    if (pick >= 0) {
        *via = A->m[pick].anaphor ? TR_PRONOUN : TR_MENTION;
        return A->m[pick].actor;
    }
    const Tok *ends[2] = {&first, &last};
    for (int i = 0; i < 2; i++) {
        const Tok *x = ends[i];
        if (x->flags & W_PRONOUNS) {
            *via = TR_PRONOUN;
            return resolve_pronoun(A, x->s, x->flags, own, NULL);
        }
        if ((x->flags & W_FIRST_PRON) && own >= 0) {
            *via = TR_PRONOUN;
            return speaker_actor(A, own);
        }
    }
    return -1;
}

/* -- speakers ------------------------------------------------------------------------- */
/* _Article._np_speaker: 1 with *name (new reference) and *actor when the noun phrase
 * [a, b) names a speaker, 0 for None */
static void set_name(PyObject **name, PyObject *v) { Py_XSETREF(*name, v); }

static PyObject *actor_name(Art *A, int actor) {
    if (A->err) return NULL;
    if (actor < 0 || actor >= PyTuple_GET_SIZE(A->actor_names)) {
        PyErr_SetString(PyExc_IndexError, "actor index out of range");
        A->err = 1;
        return NULL;
    }
    return Py_NewRef(PyTuple_GET_ITEM(A->actor_names, actor));
}

static PyObject *empty_str = NULL;

static int np_speaker(Art *A, Py_ssize_t a, Py_ssize_t b, int prefer_last, PyObject **name, int *actor) {
    TokVec T = {0};
    int found = 0;
    if (A->err || tokens(A, a, b, &T) < 0) { PyMem_Free(T.v); return 0; }
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < T.n; i++) if (!t_quote(&T.v[i])) T.v[n++] = T.v[i];
    Py_ssize_t lo = 0;
    while (n > lo && !t_word(&T.v[n - 1])) n--;
    while (lo < n && !t_word(&T.v[lo])) lo++;
    const Tok *v = T.v + lo;
    n -= lo;
    if (n <= 0) goto done;
    for (Py_ssize_t i = 0; i < n; i++) if (v[i].flags & W_SPEAKER_NP_STOP) goto done;
    Py_ssize_t pick = -1;
    for (Py_ssize_t i = m_lo(A, v[0].s); i < A->nm && A->m[i].s < v[n - 1].e; i++) {
        if (A->m[i].e > v[n - 1].e) continue;
        pick = i;
        if (!prefer_last) break;
    }
    if (pick >= 0) {
        *actor = A->m[pick].actor;
        set_name(name, actor_name(A, *actor));
        found = !A->err;
        goto done;
    }
    const Tok *ends[2] = {&v[n - 1], &v[0]};
    for (int i = 0; i < 2; i++) {
        if ((ends[i]->flags & W_PRONOUNS) && !(ends[i]->flags & W_POSS_PRON)) {
            Span sp;
            int r = resolve_pronoun(A, ends[i]->s, ends[i]->flags, -1, &sp);
            if (A->err) goto done;
            *actor = r >= 0 ? r : -1;
            if (r >= 0) set_name(name, actor_name(A, r));
            else if (r == -2) set_name(name, PyUnicode_Substring(A->text, sp.s, sp.e));
            else set_name(name, Py_NewRef(empty_str));
            if (!*name) A->err = 1;
            found = !A->err;
            goto done;
        }
    }
    if (v[0].flags & (W_FIRST_PRON | W_WE_YOU)) goto done;
    /* the last run of capitalised words (a name), else the noun phrase itself */
    Py_ssize_t best_s = -1, best_e = -1, run_s = -1, run_e = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (Py_UNICODE_ISUPPER(v[i].c0) || (run_s >= 0 && (v[i].flags & W_NAME_CONNECTORS))) {
            if (run_s < 0) run_s = i;
            run_e = i;
        } else {
            if (run_s >= 0) { best_s = run_s; best_e = run_e; }
            run_s = -1;
        }
    }
    if (run_s >= 0) { best_s = run_s; best_e = run_e; }
    while (best_s >= 0 && best_s <= best_e && (v[best_s].flags & W_NON_NAME_CAPS)) best_s++;
    *actor = -1;
    if (best_s >= 0 && best_s <= best_e) {
        Py_ssize_t s = v[best_s].s, e = v[best_e].e;
        /* re.sub(r"[’']s\Z", "", name) */
        if (e - s >= 2 && CH(&A->t, e - 1) == 's' && in_set(CH(&A->t, e - 2), APOSTROPHES)) e -= 2;
        set_name(name, PyUnicode_Substring(A->text, s, e));
        if (!*name) A->err = 1;
        found = !A->err;
        goto done;
    }
    Py_ssize_t first = (v[0].flags & W_ARTICLES) ? 1 : 0;
    if (n - first <= 0 || n - first > 4) goto done;
    set_name(name, PyUnicode_Substring(A->text, v[first].s, v[n - 1].e));
    if (!*name) A->err = 1;
    found = !A->err;
done:
    PyMem_Free(T.v);
    return found;
}

/* _SPEECH_RE = \b(?:said|...|shot\s+back|...)\b: the last match in [a, b), start in *s, end in *e */
static int last_speech_verb(const View *t, Py_ssize_t a, Py_ssize_t b, Py_ssize_t *ls, Py_ssize_t *le) {
    static const char *PAIRS[] = {"shot", "back", "fired", "back", "hit", "back", NULL};
    int found = 0;
    Py_ssize_t p = a;
    if (p < b && p > 0 && is_word(CH(t, p - 1))) p = word_run(t, p, b);
    while (p < b) {
        if (!is_word(CH(t, p))) { p++; continue; }
        Py_ssize_t r = word_run(t, p, b);
        wflags_t f = cased_flags(t, p, r);
        Py_ssize_t end = -1;
        if ((f & W_SPEECH_RE) && (f & W_LOWER)) end = r;
        else if ((f & W_SPEECH_PAIR1) && (f & W_LOWER)) {
            for (const char **pw = PAIRS; *pw && end < 0; pw += 2) {
                if (!eq_ascii(t, p, r, pw[0])) continue;
                Py_ssize_t q = skip_spaces(t, r, b);
                if (q > r) {
                    Py_ssize_t r2 = word_run(t, q, b);
                    if (eq_ascii(t, q, r2, pw[1])) end = r2;
                }
            }
        }
        if (end >= 0) { *ls = p; *le = end; found = 1; p = end; }
        else p = r;
    }
    return found;
}

/* not set.isdisjoint(layer(a, b).split()) for the words with flag f */
static int layer_word_near(Art *A, Py_ssize_t a, Py_ssize_t b, wflags_t f);

static int has_char(const View *t, Py_ssize_t a, Py_ssize_t b, const Py_UCS4 *set) {
    for (Py_ssize_t i = a; i < b; i++) if (in_set(CH(t, i), set)) return 1;
    return 0;
}
static int has_word_char(const View *t, Py_ssize_t a, Py_ssize_t b) {
    for (Py_ssize_t i = a; i < b; i++) if (is_word(CH(t, i))) return 1;
    return 0;
}

static const Py_UCS4 QUOTE_CHARS[] = {'"', 0x201c, 0x201d, 0x00ab, 0x00bb, 0};
static const Py_UCS4 TAIL_STOPS[] = {'"', 0x201c, 0x201d, 0x00ab, 0x00bb, '.', '!', '?', 0};

/* a regex match on [a, b): group g's span, or 0 */
static int pat_group(Art *A, int which, PyObject *meth, Py_ssize_t a, Py_ssize_t b, int g, Py_ssize_t *gs,
                     Py_ssize_t *ge, Py_ssize_t *end) {
    PyObject *mt = NULL;
    if (!pat_test(A, which, meth, a, b, &mt)) return 0;
    *gs = match_pos(A, mt, s_start, g);
    *ge = match_pos(A, mt, s_end, g);
    if (end) *end = match_pos(A, mt, s_end, 0);
    Py_DECREF(mt);
    return !A->err;
}

static int before_cue(Art *A, Py_ssize_t a, Py_ssize_t b, int relaxed, PyObject **name, int *actor) {
    const View *t = &A->t;
    if (b - 240 > a) a = b - 240;
    Py_ssize_t acc = -1, gs, ge, me;
    for (Py_ssize_t u = b - 11; u >= a; u--)
        if (eq_ascii(t, u, u + 11, "ccording to")) { acc = u; break; }
    if (acc > a && pat_group(A, P_BEFORE_ACCORDING, s_match, acc - 1, b, 1, &gs, &ge, NULL)) {
        if (np_speaker(A, gs, ge, 1, name, actor)) return 1;
    }
    if (A->err) return 0;
    /* window = layer(a, b): " s " in window and a medium word in window.split() */
    int s_word = 0;
    for (Py_ssize_t u = a; u + 2 < b && !s_word; u++) {
        Py_UCS4 f0 = fold_char(CH(t, u)), f1 = fold_char(CH(t, u + 1)), f2 = fold_char(CH(t, u + 2));
        if (!f0 || !f1 || !f2) { A->err = 1; return 0; }
        s_word = (f0 == ' ' || f0 == FOLD_INVISIBLE) && f1 == 's' && (f2 == ' ' || f2 == FOLD_INVISIBLE);
    }
    if (s_word && layer_word_near(A, a, b, W_MEDIUM)) {
        if (pat_group(A, P_POSS_MEDIUM, s_search, a, b, 1, &gs, &ge, &me) && (relaxed || b - me < 40)) {
            if (np_speaker(A, gs, ge, 1, name, actor)) return 1;
        }
        if (A->err) return 0;
    }
    if (A->err) return 0;
    Py_ssize_t ls, le;
    if (!last_speech_verb(t, a, b, &ls, &le)) return 0;
    if (!relaxed && (b - le > 60 || has_char(t, le, b, TAIL_STOPS))) return 0;
    TokVec T = {0};
    int found = 0;
    if (tokens(A, a, ls, &T) == 0) {
        Py_ssize_t k = T.n - 1;
        int skipped = 0;
        while (k >= 0 && skipped < 3 && (T.v[k].flags & W_AUX_SPEECH)) { k--; skipped++; }
        Span sp;
        if (k >= 0 && np_before(A, &T, k, &sp)) found = np_speaker(A, sp.s, sp.e, 1, name, actor);
    }
    PyMem_Free(T.v);
    return found;
}

/* _Article._find_speaker: 1 with *name and *actor, 0 for ("", None) */
static int find_speaker(Art *A, Py_ssize_t q, int depth, PyObject **name, int *actor) {
    const View *t = &A->t;
    Py_ssize_t qs = A->qs[q], qe = A->qe[q];
    Py_ssize_t k = sentence_of(A, qs), sa = A->sa[k];
    Py_ssize_t k_end = sentence_of(A, qe - 1 > qs ? qe - 1 : qs), eb = A->sb[k_end];
    Py_ssize_t para_end = qe;
    while (para_end < t->len && CH(t, para_end) != '\n') para_end++;
    Py_ssize_t next_q = q + 1 < A->nq ? A->qs[q + 1] : t->len;
    Py_ssize_t after_end = eb > qe ? eb : qe;
    if (para_end < after_end) after_end = para_end;
    if (next_q < after_end) after_end = next_q;
    Py_ssize_t gs, ge;
    /* 1. right after: ," Maduro said / ” said María / , according to X */
    PyObject *mt = NULL;
    if (pat_test(A, P_AFTER_CUE, s_match, qe, after_end, &mt)) {
        int g = 1;
        for (; g <= 3; g++) {
            gs = match_pos(A, mt, s_start, g);
            ge = match_pos(A, mt, s_end, g);
            if (A->err || ge > gs) break;   /* the first group that took part (and is not empty) */
        }
        Py_DECREF(mt);
        if (A->err) return 0;
        if (g <= 3 && np_speaker(A, gs, ge, g == 1, name, actor)) return 1;
    }
    if (A->err) return 0;
    /* 2. right before: Maduro said: " / according to X, " / X's tweet */
    Py_ssize_t before_start = q > 0 && A->qe[q - 1] > sa ? A->qe[q - 1] : sa;
    if (before_cue(A, before_start, qs, 0, name, actor)) return 1;
    if (A->err) return 0;
    /* 3. the subject of the sentence reports speech or gives an order */
    Py_ssize_t starts[2] = {sa, -1};
    if (pat_group(A, P_LEAD_ADVERBIAL, s_match, sa, qs, 0, &gs, &ge, NULL)) starts[1] = ge;
    if (A->err) return 0;
    for (int i = 0; i < 2 && starts[i] >= 0; i++) {
        if (pat_group(A, P_SUBJECT_CUE, s_match, starts[i], qs, 1, &gs, &ge, NULL) &&
            !has_char(t, gs, ge, QUOTE_CHARS)) {
            PyObject *nm = NULL;
            int ac = -1;
            if (np_speaker(A, gs, ge, 1, &nm, &ac) && PyUnicode_GET_LENGTH(nm) > 0) {
                set_name(name, nm);
                *actor = ac;
                return 1;
            }
            Py_XDECREF(nm);
        }
        if (A->err) return 0;
    }
    /* 4. a weak cue after: , El Nacional reports */
    if (pat_group(A, P_WEAK_AFTER, s_match, qe, after_end, 1, &gs, &ge, NULL) &&
        np_speaker(A, gs, ge, 1, name, actor))
        return 1;
    if (A->err) return 0;
    /* 5. a continued quote: the previous quotation of the same paragraph */
    if (q > 0 && depth < 5) {
        int nl = 0;
        for (Py_ssize_t u = A->qe[q - 1]; u < qs && !nl; u++) nl = CH(t, u) == '\n';
        if (!nl && is_speech(A, q - 1)) {
            int r = speaker_of_quote(A, q - 1, depth + 1);
            if (A->err) return 0;
            if (PyUnicode_GET_LENGTH(A->sp_name[q - 1]) > 0) {
                set_name(name, Py_NewRef(A->sp_name[q - 1]));
                *actor = r;
                return 1;
            }
        }
        if (A->err) return 0;
    }
    /* 6. an unclosed quotation continued in the next paragraph */
    if (!A->qclosed[q] && q + 1 < A->nq && depth < 5) {
        int blank = 1;
        for (Py_ssize_t u = qe; u < A->qs[q + 1] && blank; u++) blank = is_space(CH(t, u));
        if (blank) {
            int r = speaker_of_quote(A, q + 1, depth + 1);
            if (A->err) return 0;
            if (PyUnicode_GET_LENGTH(A->sp_name[q + 1]) > 0) {
                set_name(name, Py_NewRef(A->sp_name[q + 1]));
                *actor = r;
                return 1;
            }
        }
    }
    /* 7. the next sentence: He tweeted in Spanish. / Those were the words of X */
    if (!has_word_char(t, qe, eb) && k_end + 1 < A->ns) {
        Py_ssize_t na = A->sa[k_end + 1], nb = A->sb[k_end + 1];
        if (quote_at(A, na) < 0) {
            if (pat_group(A, P_WORDS_OF, s_match, na, nb, 0, &gs, &ge, NULL)) {
                Span sp;
                if (np_after(A, ge, nb, &sp) && np_speaker(A, sp.s, sp.e, 0, name, actor)) return 1;
            }
            if (A->err) return 0;
            PyObject *m2 = NULL;
            if (pat_test(A, P_NEXT_CUE, s_match, na, nb, &m2)) {
                gs = match_pos(A, m2, s_start, 1);
                ge = match_pos(A, m2, s_end, 1);
                Py_ssize_t rs = match_pos(A, m2, s_start, 2), re_ = match_pos(A, m2, s_end, 2);
                Py_DECREF(m2);
                if (A->err) return 0;
                int words = 0, that = 0;
                for (Py_ssize_t u = rs; u < re_;) {
                    if (!isalnum_(CH(t, u))) { u++; continue; }
                    Py_ssize_t r = u;
                    while (r < re_ && isalnum_(CH(t, r))) r++;
                    words++;
                    if (word_flags(t, u, r) & W_THAT) that = 1;
                    u = r;
                }
                if (words <= 8 && !that && np_speaker(A, gs, ge, 1, name, actor)) return 1;
            }
            if (A->err) return 0;
        }
    }
    /* 8. the previous sentence ends with a colon: Arreaza wrote on Twitter: */
    if (!has_word_char(t, before_start, qs) && k > 0) {
        Py_ssize_t pa = A->sa[k - 1], pb = A->sb[k - 1];
        Py_ssize_t u = pb;
        while (u > pa && is_space(CH(t, u - 1))) u--;
        if (u > pa && CH(t, u - 1) == ':' && before_cue(A, pa, pb, 1, name, actor)) return 1;
    }
    return 0;
}

/* speaker_of_quote (cached; a quotation being looked for reads as no speaker): its actor or -1,
 * the name in A->sp_name[q] */
static int speaker_of_quote(Art *A, Py_ssize_t q, int depth) {
    if (A->sp_state[q] == 0) {
        A->sp_state[q] = 1;
        A->sp_name[q] = Py_NewRef(empty_str);
        A->sp_actor[q] = -1;
        PyObject *name = NULL;
        int actor = -1;
        if (find_speaker(A, q, depth, &name, &actor) && !A->err) {
            Py_XSETREF(A->sp_name[q], name);
            A->sp_actor[q] = actor;
        } else {
            Py_XDECREF(name);
        }
        A->sp_state[q] = 2;
    }
    return A->sp_actor[q];
}

/* -- the rules ------------------------------------------------------------------------ */
static inline Res named_rule(const Mention *x, int rule) { return res(x->actor, x->anaphor ? TR_PRONOUN : rule); }

static int title_gap(Art *A, Py_ssize_t a, Py_ssize_t b) {
    static const Py_UCS4 SKIP[] = {',', '-', 0x2010, 0x2011, 0};
    Py_ssize_t p = tok_start(&A->t, a, b);
    Tok w;
    int n = 0;
    while (tok_next(&A->t, &p, b, &w)) {
        if (t_quote(&w) || t_single(&w, SKIP)) continue;
        if (!t_word(&w)) return 0;
        n++;
        if (n > 4 || !((w.flags & (W_TITLE | W_ARTICLES))
                       || (Py_UNICODE_ISUPPER(w.c0) && !(w.flags & W_CLAUSE_STOP))
                       || in_other_hit(A, w.s, w.e)))
            return 0;
    }
    return 1;
}

static Res premodifier(Art *A, Py_ssize_t hs, Py_ssize_t he, Py_ssize_t a, Py_ssize_t b, Py_ssize_t q) {
    Py_ssize_t i = m_lo(A, he);
    if (i >= A->nm || A->m[i].s >= b) return NO_RES;
    Mention *x = &A->m[i];
    int commas = 0;
    for (Py_ssize_t p = he; p < x->s; p++) {
        Py_UCS4 c = CH(&A->t, p);
        if (c == ',') commas++;
        else if (c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')' || c == '\n')
            return NO_RES;
    }
    if (commas > 1 || !title_gap(A, he, x->s)) return NO_RES;
    if (commas == 0) return named_rule(x, TR_PREMODIFIER);
    Py_ssize_t stop = x->e + 40 < A->t.len ? x->e + 40 : A->t.len;
    if (pat_test(A, P_SPEECH_NEXT, s_match, x->e, stop, NULL) || A->err) return NO_RES;
    return named_rule(x, TR_APPOSITION);
}

static Res apposition_before(Art *A, Py_ssize_t hs, Py_ssize_t he, Py_ssize_t a, Py_ssize_t b, Py_ssize_t q) {
    Py_ssize_t i = m_lo(A, hs) - 1;
    while (i >= 0 && A->m[i].e > hs) i--;
    if (i < 0 || A->m[i].s < a) return NO_RES;
    Mention *x = &A->m[i];
    Py_ssize_t p = skip_spaces(&A->t, x->e, hs);
    if (p >= hs || CH(&A->t, p) != ',') return NO_RES;   /* \s*, opens _APPOSITIVE_GAP */
    PyObject *mt = NULL;
    if (!pat_test(A, P_APPOSITIVE_GAP, s_fullmatch, x->e, hs, &mt)) return NO_RES;
    Py_ssize_t gs = match_pos(A, mt, s_start, 1), ge = match_pos(A, mt, s_end, 1);
    Py_DECREF(mt);
    if (A->err) return NO_RES;
    for (Py_ssize_t u = gs; u < ge;) {   /* _lower_words of group 1 */
        if (!isalnum_(CH(&A->t, u))) { u++; continue; }
        Py_ssize_t r = u;
        while (r < ge && isalnum_(CH(&A->t, r))) r++;
        if (word_flags(&A->t, u, r) & (W_CLAUSE_STOP | W_PRONOUNS)) return NO_RES;
        u = r;
    }
    return named_rule(x, TR_APPOSITION);
}

/* the first word of text[a:b] (_lower_words(...)[:1]) has flag f */
static int first_word_has(Art *A, Py_ssize_t a, Py_ssize_t b, wflags_t f) {
    if (b > A->t.len) b = A->t.len;
    while (a < b && !isalnum_(CH(&A->t, a))) a++;
    if (a >= b) return 0;
    Py_ssize_t r = a;
    while (r < b && isalnum_(CH(&A->t, r))) r++;
    return (word_flags(&A->t, a, r) & f) != 0;
}

static Res possessive(Art *A, TokVec *T, Py_ssize_t hs, Py_ssize_t he, Py_ssize_t a, Py_ssize_t b, Py_ssize_t q) {
    Py_ssize_t w0 = a > hs - 60 ? a : hs - 60, dummy;
    Py_ssize_t i = m_lo(A, hs) - 1;
    while (i >= 0 && A->m[i].e > hs) i--;
    if ((i < 0 || A->m[i].e < w0) && word_search(&A->t, w0, hs, WS_POSS_PRON, &dummy) < 0) return NO_RES;
    if (tokens(A, w0, hs, T) < 0) return NO_RES;
    const Tok *v = T->v;
    Py_ssize_t k = T->n - 1;
    int quoted = 0;
    while (k >= 0 && t_quote(&v[k]) && !t_single(&v[k], APOSTROPHES)) { k--; quoted = 1; }
    int skipped = 0, skipped_member = 0;
    while (k >= 0 && skipped <= 2) {
        const Tok *w = &v[k];
        if (w->flags & W_POSS_PRON) {
            int r = resolve_pronoun(A, w->s, w->flags, q, NULL);
            return r >= 0 ? res(r, TR_PRONOUN) : neg();
        }
        Py_ssize_t x;
        int poss;
        if (t_single(w, APOSTROPHES) && k > 0) {
            x = mention_ending_at(A, v[k - 1].e, a);
            poss = 1;
        } else {
            x = mention_ending_at(A, w->e, a);
            Py_UCS4 l = CH(&A->t, w->e - 1);
            int tail = in_set(l, APOSTROPHES) ||
                       (l == 's' && w->e - w->s >= 2 && in_set(CH(&A->t, w->e - 2), APOSTROPHES));
            poss = tail && x >= 0 && A->m[x].e < w->e;
        }
        if (x >= 0) {
            if (!poss && (skipped || quoted)) return NO_RES;
            int member = skipped_member || first_word_has(A, he, he + 30, W_MEMBER);
            return named_rule(&A->m[x], member ? TR_LED_BY : TR_POSSESSIVE);
        }
        if (!Py_UNICODE_ISALPHA(w->c0) || (w->flags & (W_CLAUSE_STOP | W_DETS | W_AS_VERBS))) return NO_RES;
        skipped++;
        if (w->flags & W_MEMBER) skipped_member = 1;
        k--;
    }
    return NO_RES;
}

static Res np_result(Art *A, Span sp, Py_ssize_t q) {
    int via = 0;
    int actor = resolve_np(A, sp.s, sp.e, q, 1, &via);
    if (A->err || actor < 0) return neg();
    if (via == TR_PRONOUN) return res(actor, TR_PRONOUN);
    int members = pat_test(A, P_POSSESSED_MEMBERS, s_search, sp.s, sp.e, NULL);
    return res(actor, members ? TR_LED_BY : TR_PREDICATE);
}

static Py_ssize_t skip_aux(const TokVec *T, Py_ssize_t k) {
    while (k >= 0 && (T->v[k].flags & (W_LINK_ADV | W_AUX))) k--;
    return k;
}

static Res subject(Art *A, const TokVec *T, Py_ssize_t k, Py_ssize_t q, int apposition) {
    if (k < 0) return NO_RES;
    if (apposition && t_is(&T->v[k], ',')) {
        Py_ssize_t j = k - 1;
        while (j >= 0 && !t_is(&T->v[j], ',') && k - j < 15) j--;
        if (j < 0) return NO_RES;
        k = j - 1;
    }
    Span sp;
    if (!np_before(A, T, k, &sp)) return NO_RES;
    return np_result(A, sp, q);
}

static Res call_object(Art *A, const TokVec *T, Py_ssize_t k, Py_ssize_t q) {
    Span sp;
    if (!np_before(A, T, k, &sp)) return NO_RES;
    int content = 0;   /* a word of the phrase that is no determiner */
    for (Py_ssize_t u = sp.s; u < sp.e && !content;) {
        if (!isalnum_(CH(&A->t, u))) { u++; continue; }
        Py_ssize_t r = u;
        while (r < sp.e && isalnum_(CH(&A->t, r))) r++;
        if (!(word_flags(&A->t, u, r) & W_DETS)) content = 1;
        u = r;
    }
    if (!content) return NO_RES;
    Py_ssize_t j = k;
    while (j >= 0 && T->v[j].s >= sp.s) j--;
    while (j >= 0 && t_quote(&T->v[j])) j--;
    if (j >= 0 && (T->v[j].flags & W_CALL)) return np_result(A, sp, q);
    return NO_RES;
}

/* not _PRED_WORDS.isdisjoint(layer(a, b).split()) */
static int pred_word_near(Art *A, Py_ssize_t a, Py_ssize_t b) { return layer_word_near(A, a, b, W_PRED); }

static int layer_word_near(Art *A, Py_ssize_t a, Py_ssize_t b, wflags_t flag) {
    char buf[WT_LEN];
    Py_ssize_t n = 0;
    int ascii = 1;
    for (Py_ssize_t i = a; i <= b; i++) {
        Py_UCS4 f = ' ';
        if (i < b) {
            f = fold_char(CH(&A->t, i));
            if (f == 0) { A->err = 1; return 0; }
            if (f == FOLD_INVISIBLE) f = ' ';
        }
        if (f == ' ') {
            if (n && ascii && n < WT_LEN && (wt_get(buf, n) & flag)) return 1;
            n = 0;
            ascii = 1;
            continue;
        }
        if (f >= 128) ascii = 0;
        else if (n < WT_LEN) buf[n] = (char)f;
        n++;
    }
    return 0;
}

static Res predicate(Art *A, TokVec *T, TokVec *T2, Py_ssize_t hs, Py_ssize_t he, Py_ssize_t a, Py_ssize_t b,
                     Py_ssize_t q) {
    static const Py_UCS4 STOPS[] = {';', ':', 0x2014, 0x2013, 0};
    Py_ssize_t lo = a;
    for (Py_ssize_t p = hs - 1; p >= a; p--)
        if (in_set(CH(&A->t, p), STOPS)) { lo = p + 1; break; }
    Py_ssize_t w0 = lo > hs - 140 ? lo : hs - 140;
    if (!pred_word_near(A, w0 > hs - 90 ? w0 : hs - 90, hs)) return NO_RES;
    if (tokens(A, w0, hs, T) < 0) return NO_RES;
    const Tok *v = T->v;
    Py_ssize_t k = T->n - 1;
    while (k >= 0 && t_quote(&v[k])) k--;
    Py_ssize_t k0 = k;
    int n = 0;
    while (k >= 0 && n < 2) {
        const Tok *w = &v[k];
        if ((!t_word(w) || (w->flags & (W_CLAUSE_STOP | W_DETS | W_PRONOUNS | W_OF_AS))
             || any_mention_in(A, w->s, w->e)) && !(w->flags & W_LINK_ADV))
            break;
        n++;
        k--;
    }
    if (k >= 0 && (v[k].flags & W_ARTICLES)) k--;
    while (k >= 0 && (v[k].flags & W_ONLY)) k--;
    if (k < 0) return NO_RES;
    wflags_t f = v[k].flags;
    if (f & W_COPULAS) return subject(A, T, skip_aux(T, k - 1), q, 1);
    if (f & W_AS) {
        k--;
        if (k >= 0 && (v[k].flags & W_AS_VERBS)) {
            Py_ssize_t j = skip_aux(T, k - 1);
            if (j == k - 1) {
                if (j >= 0 && t_is(&v[j], ',')) j--;
                return subject(A, T, j, q, 0);
            }
            return subject(A, T, j, q, 1);
        }
        return subject(A, T, k, q, 0);
    }
    if (f & W_CALL) {
        Py_ssize_t j = skip_aux(T, k - 1);
        if (j < k - 1) return subject(A, T, j, q, 1);
        Py_ssize_t rel = -1;
        for (Py_ssize_t u = (k - 4 > 0 ? k - 4 : 0); u < k; u++)
            if (v[u].flags & W_WHICH_THAT) rel = v[u].s;
        if (rel >= 0) {
            if (tokens(A, a > rel - 300 ? a : rel - 300, rel, T2) < 0) return NO_RES;
            Py_ssize_t j2 = T2->n - 1;
            if (j2 >= 0 && t_is(&T2->v[j2], ',')) j2--;
            return subject(A, T2, j2, q, 0);
        }
        if (k0 == k) return NO_RES;
        k = k0;
    }
    return call_object(A, T, k, q);
}

static Res led_by(Art *A, Py_ssize_t hs, Py_ssize_t he, Py_ssize_t a, Py_ssize_t b, Py_ssize_t q) {
    PyObject *mt = NULL;
    if (!pat_test(A, P_LED_BY, s_match, he, b, &mt)) return NO_RES;
    Py_ssize_t me = match_pos(A, mt, s_end, 0);
    Py_DECREF(mt);
    if (A->err) return NO_RES;
    Span sp;
    if (!np_after(A, me, b, &sp)) return NO_RES;
    Py_ssize_t p = skip_spaces(&A->t, sp.e, b);   /* _COMMA_GAP = \s*,\s* */
    if (p < b && CH(&A->t, p) == ',') {
        p = skip_spaces(&A->t, p + 1, b);
        Py_ssize_t i = m_lo(A, p);
        if (i < A->nm && A->m[i].s == p) return named_rule(&A->m[i], TR_LED_BY);
    }
    int via = 0;
    int actor = resolve_np(A, sp.s, sp.e, q, 0, &via);
    if (actor < 0) return neg();
    return res(actor, via == TR_PRONOUN ? TR_PRONOUN : TR_LED_BY);
}

static void clause_bounds(Art *A, Py_ssize_t a, Py_ssize_t b, Py_ssize_t hs, Py_ssize_t he,
                          Py_ssize_t *cs, Py_ssize_t *ce, Py_ssize_t *ante) {
    if (hs - 120 > a) a = hs - 120;
    if (he + 100 < b) b = he + 100;
    Py_ssize_t start = a, end = b, rel = -1, s, e, p = a;
    int relative;
    while (next_break(&A->t, p, b, &s, &e, &relative)) {
        p = e;
        if (e <= hs) { start = e; rel = relative ? s : -1; }
        else if (s >= he) { end = s; break; }
    }
    *ante = -1;
    if (rel >= 0) {
        Py_ssize_t comma = -1;
        for (Py_ssize_t u = hs - 1; u >= start; u--) if (CH(&A->t, u) == ',') { comma = u; break; }
        Py_ssize_t u = rel, lo = a > rel - 3 ? a : rel - 3;
        while (u > lo && is_space(CH(&A->t, u - 1))) u--;
        if (comma >= 0 && u > lo && CH(&A->t, u - 1) == ',') start = comma + 1;
        else {
            u = rel;
            while (u > 0 && (CH(&A->t, u - 1) == ' ' || CH(&A->t, u - 1) == ',')) u--;
            *ante = mention_ending_at(A, u, a);
        }
    }
    *cs = start;
    *ce = end;
}

static int clause_reachable(Art *A, Py_ssize_t hs, Py_ssize_t he, Py_ssize_t a, Py_ssize_t b) {
    const View *t = &A->t;
    Py_ssize_t wa = a > hs - 120 ? a : hs - 120, wb = b < he + 100 ? b : he + 100;
    for (Py_ssize_t i = m_lo(A, wa); i < A->nm && A->m[i].s < wb; i++) {
        Mention *x = &A->m[i];
        if (x->e > wb || (hs <= x->s && x->s < he)) continue;
        Py_ssize_t d = x->e <= hs ? nwords(t, x->e, hs) : nwords(t, he, x->s);
        if (d <= CLAUSE_WINDOW_C) return 1;
    }
    Py_ssize_t p = wa, e;
    Py_ssize_t s;
    while ((s = word_search(t, p, wb, WS_PRONOUN, &e)) >= 0) {
        p = e;
        if (hs <= s && s < he) continue;
        Py_ssize_t d = e <= hs ? nwords(t, e, hs) : nwords(t, he, s);
        if (d <= CLAUSE_WINDOW_C) return 1;
    }
    return 0;
}

static int against_before(Art *A, Py_ssize_t a, Py_ssize_t b) {
    /* ("against" in back or "ccording" in back) and _AGAINST.search(back), back = text[a:b] */
    if (A->err) return 0;
    int found = 0;
    for (Py_ssize_t u = a; u < b && !found; u++)
        found = (u + 7 <= b && eq_ascii(&A->t, u, u + 7, "against")) ||
                (u + 8 <= b && eq_ascii(&A->t, u, u + 8, "ccording"));
    if (!found) return 0;
    PyObject *back = PyUnicode_Substring(A->text, a, b);
    if (!back) { A->err = 1; return 0; }
    PyObject *r = PyObject_CallMethodOneArg(attr_pat[P_AGAINST], s_search, back);
    Py_DECREF(back);
    if (!r) { A->err = 1; return 0; }
    int hit = r != Py_None;
    Py_DECREF(r);
    return hit;
}

static Res clause(Art *A, Py_ssize_t hs, Py_ssize_t he, Py_ssize_t a, Py_ssize_t b, Py_ssize_t q) {
    const View *t = &A->t;
    Py_ssize_t wa = a > hs - 90 ? a : hs - 90, wb = b < he + 90 ? b : he + 90, dummy;
    Py_ssize_t i = m_lo(A, wa);
    if ((i >= A->nm || A->m[i].s >= wb) && word_search(t, wa, wb, WS_PRONOUN, &dummy) < 0) {
        i = m_lo(A, hs) - 1;
        if (i < 0 || A->m[i].e < hs - 150) return NO_RES;
    }
    if (!clause_reachable(A, hs, he, a, b)) return NO_RES;
    Py_ssize_t ca, cb, ante;
    clause_bounds(A, a, b, hs, he, &ca, &cb, &ante);
    int in_pp = pat_test(A, P_PREP_BEFORE, s_search, ca > hs - 24 ? ca : hs - 24, hs, NULL);
    if (!in_pp && !A->err) in_pp = pat_test(A, P_JUDGE_BEFORE, s_search, ca > hs - 40 ? ca : hs - 40, hs, NULL);
    if (A->err) return NO_RES;
    /* the first candidate with the least (distance, side) */
    Py_ssize_t best_d = PY_SSIZE_T_MAX, best_m = -1, best_ps = -1, best_pe = -1;
    int best_side = 2;
    #define CONSIDER(d, side, mi, ps, pe) do { \
        if (!(in_pp && (side) == 0) && ((d) < best_d || ((d) == best_d && (side) < best_side))) { \
            best_d = (d); best_side = (side); best_m = (mi); best_ps = (ps); best_pe = (pe); } } while (0)
    for (Py_ssize_t k = m_lo(A, ca); k < A->nm && A->m[k].s < cb; k++) {
        Mention *x = &A->m[k];
        if (x->e > cb || (hs <= x->s && x->s < he) || !outside_quotes(A, x->s, q)) continue;
        if (against_before(A, ca > x->s - 20 ? ca : x->s - 20, x->s)) continue;
        if (x->e <= hs) CONSIDER(nwords(t, x->e, hs), 0, k, -1, -1);
        else CONSIDER(nwords(t, he, x->s), 1, k, -1, -1);
    }
    if (ante >= 0) CONSIDER(nwords(t, A->m[ante].e, hs), 0, ante, -1, -1);
    Py_ssize_t p = ca, s, e;
    while ((s = word_search(t, p, cb, WS_PRONOUN, &e)) >= 0) {
        p = e;
        if ((hs <= s && s < he) || !outside_quotes(A, s, q)) continue;
        if (e <= hs) CONSIDER(nwords(t, e, hs), 0, -1, s, e);
        else CONSIDER(nwords(t, he, s), 1, -1, s, e);
    }
    #undef CONSIDER
    if (A->err || best_side == 2 || best_d > CLAUSE_WINDOW_C) return NO_RES;
    if (best_m >= 0) return named_rule(&A->m[best_m], TR_CLAUSE);
    int r = resolve_pronoun(A, best_ps, word_flags(t, best_ps, best_pe), q, NULL);
    return r >= 0 ? res(r, TR_PRONOUN) : neg();
}

/* _HYPHEN_ED.match(text[a:b]): \.?[-‐‑]\w+(?:ed|en|ing)\b */
static int hyphen_ed(const View *t, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t p = a;
    if (p < b && CH(t, p) == '.') p++;
    if (p >= b || !in_set(CH(t, p), HYPHENS)) return 0;
    p++;
    Py_ssize_t r = word_run(t, p, b);
    return (r - p >= 3 && (eq_ascii(t, r - 2, r, "ed") || eq_ascii(t, r - 2, r, "en"))) ||
           (r - p >= 4 && eq_ascii(t, r - 3, r, "ing"));
}

static Res target(Art *A, TokVec *T, TokVec *T2, Py_ssize_t h) {
    Py_ssize_t hs = A->hs[h], he = A->he[h];
    Py_ssize_t deferred = -1;
    Py_ssize_t i = m_lo(A, hs);
    if (i > 0 && A->m[i - 1].e > hs) i--;
    for (; i < A->nm && A->m[i].s < he; i++) {
        Mention *x = &A->m[i];
        if (x->anaphor) continue;
        if (x->s >= hs && x->e > he) return res(x->actor, TR_PREMODIFIER);
        if (hyphen_ed(&A->t, x->e, he)) continue;
        if (first_word_has(A, x->e, he, W_PERSON_NOUN)) {
            if (deferred < 0) deferred = i;
            continue;
        }
        return res(x->actor, TR_CONTAINS);
    }
    Py_ssize_t k = sentence_of(A, hs);
    Py_ssize_t lo = A->sa[k - 2 > 0 ? k - 2 : 0];
    Py_ssize_t hi = A->sb[k + 1 < A->ns - 1 ? k + 1 : A->ns - 1];
    i = m_lo(A, lo);
    if (i >= A->nm || A->m[i].s >= hi) return NO_RES;
    Py_ssize_t a, b, q;
    region(A, hs, he, &a, &b, &q);
    if (q < 0 && A->m[i].s > b) return NO_RES;
    Res r;
    for (int rule = 0; rule < 6; rule++) {
        switch (rule) {
            case 0: r = premodifier(A, hs, he, a, b, q); break;
            case 1: r = apposition_before(A, hs, he, a, b, q); break;
            case 2: r = predicate(A, T, T2, hs, he, a, b, q); break;
            case 3: r = possessive(A, T, hs, he, a, b, q); break;
            case 4: r = led_by(A, hs, he, a, b, q); break;
            default: r = clause(A, hs, he, a, b, q); break;
        }
        if (A->err) return NO_RES;
        if (r.rule != TR_NONE) {
            if (r.actor < 0) break;
            return r;
        }
    }
    if (deferred >= 0) return res(A->m[deferred].actor, TR_CONTAINS);
    return NO_RES;
}

/* -- driver ------------------------------------------------------------------------------ */
static void art_free(Art *A) {
    if (A->names) for (Py_ssize_t k = 0; k < A->ns; k++) PyMem_Free(A->names[k]);
    PyMem_Free(A->names); PyMem_Free(A->n_names); PyMem_Free(A->hs); PyMem_Free(A->he);
    PyMem_Free(A->sa); PyMem_Free(A->sb); PyMem_Free(A->qs); PyMem_Free(A->qe); PyMem_Free(A->qia);
    PyMem_Free(A->qib); PyMem_Free(A->speech); PyMem_Free(A->dateline); PyMem_Free(A->m); PyMem_Free(A->ms);
    if (A->sp_name) for (Py_ssize_t q = 0; q < A->nq; q++) Py_XDECREF(A->sp_name[q]);
    PyMem_Free(A->sp_name); PyMem_Free(A->sp_state); PyMem_Free(A->sp_actor); PyMem_Free(A->qclosed);
    Py_XDECREF(A->actor_names);
    Py_XDECREF(A->text);
}

static int get_ssize(PyObject *o, const char *attr, Py_ssize_t *out) {
    PyObject *v = PyObject_GetAttrString(o, attr);
    if (!v) return -1;
    *out = PyLong_AsSsize_t(v);
    Py_DECREF(v);
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

static int art_init(Art *A, PyObject *art) {
    memset(A, 0, sizeof(*A));
    A->art = art;
    PyObject *hits = NULL, *sents = NULL, *quotes = NULL, *mentions = NULL;
    int ok = -1;
    A->text = PyObject_GetAttrString(art, "text");
    if (!A->text || view_of(A->text, &A->t) < 0) goto done;
    PyObject *matcher = PyObject_GetAttrString(art, "m");
    A->actor_names = matcher ? PyObject_GetAttrString(matcher, "names") : NULL;
    Py_XDECREF(matcher);
    if (!A->actor_names) goto done;
    if (!PyTuple_Check(A->actor_names)) {
        PyErr_SetString(PyExc_TypeError, "targets: the matcher's names must be a tuple");
        goto done;
    }
    hits = PyObject_GetAttrString(art, "hits");
    sents = PyObject_GetAttrString(art, "sents");
    quotes = PyObject_GetAttrString(art, "quotes");
    mentions = PyObject_GetAttrString(art, "mentions");
    if (!hits || !sents || !quotes || !mentions) goto done;
    if (!PyList_Check(hits) || !PyList_Check(sents) || !PyList_Check(quotes) || !PyList_Check(mentions)) {
        PyErr_SetString(PyExc_TypeError, "targets: hits, sents, quotes and mentions must be lists");
        goto done;
    }
    A->nh = PyList_GET_SIZE(hits);
    A->ns = PyList_GET_SIZE(sents);
    A->nq = PyList_GET_SIZE(quotes);
    A->nm = PyList_GET_SIZE(mentions);
    Py_ssize_t nh = A->nh + 1, ns = A->ns + 1, nq = A->nq + 1, nm = A->nm + 1;
    A->hs = PyMem_Malloc(nh * sizeof(Py_ssize_t)); A->he = PyMem_Malloc(nh * sizeof(Py_ssize_t));
    A->sa = PyMem_Malloc(ns * sizeof(Py_ssize_t)); A->sb = PyMem_Malloc(ns * sizeof(Py_ssize_t));
    A->dateline = PyMem_Malloc(ns * sizeof(Py_ssize_t));
    A->names = PyMem_Calloc(ns, sizeof(Span *)); A->n_names = PyMem_Calloc(ns, sizeof(Py_ssize_t));
    A->qs = PyMem_Malloc(nq * sizeof(Py_ssize_t)); A->qe = PyMem_Malloc(nq * sizeof(Py_ssize_t));
    A->qia = PyMem_Malloc(nq * sizeof(Py_ssize_t)); A->qib = PyMem_Malloc(nq * sizeof(Py_ssize_t));
    A->speech = PyMem_Malloc(nq);
    A->qclosed = PyMem_Malloc(nq);
    A->sp_state = PyMem_Calloc(nq, 1);
    A->sp_name = PyMem_Calloc(nq, sizeof(PyObject *));
    A->sp_actor = PyMem_Calloc(nq, sizeof(int));
    A->m = PyMem_Malloc(nm * sizeof(Mention)); A->ms = PyMem_Malloc(nm * sizeof(Py_ssize_t));
    if (!A->hs || !A->he || !A->sa || !A->sb || !A->dateline || !A->names || !A->n_names || !A->qs || !A->qe ||
        !A->qia || !A->qib || !A->speech || !A->m || !A->ms || !A->qclosed || !A->sp_state || !A->sp_name ||
        !A->sp_actor) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t i = 0; i < A->nh; i++) {
        PyObject *x = PyList_GET_ITEM(hits, i);
        if (!PyTuple_Check(x) || PyTuple_GET_SIZE(x) < 2) { PyErr_SetString(PyExc_TypeError, "bad hit"); goto done; }
        A->hs[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(x, 0));
        A->he[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(x, 1));
    }
    for (Py_ssize_t i = 0; i < A->ns; i++) {
        PyObject *x = PyList_GET_ITEM(sents, i);
        if (!PyTuple_Check(x) || PyTuple_GET_SIZE(x) != 2) { PyErr_SetString(PyExc_TypeError, "bad sentence"); goto done; }
        A->sa[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(x, 0));
        A->sb[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(x, 1));
        A->dateline[i] = -1;
    }
    for (Py_ssize_t i = 0; i < A->nq; i++) {
        PyObject *x = PyList_GET_ITEM(quotes, i);
        Py_ssize_t closed;
        if (get_ssize(x, "start", &A->qs[i]) < 0 || get_ssize(x, "end", &A->qe[i]) < 0 ||
            get_ssize(x, "closed", &closed) < 0) goto done;
        A->qia[i] = A->qs[i] + 1;
        A->qib[i] = closed ? A->qe[i] - 1 : A->qe[i];
        A->qclosed[i] = closed != 0;
        A->speech[i] = -1;
    }
    for (Py_ssize_t i = 0; i < A->nm; i++) {
        PyObject *x = PyList_GET_ITEM(mentions, i);
        if (!PyTuple_Check(x) || PyTuple_GET_SIZE(x) != 5) { PyErr_SetString(PyExc_TypeError, "bad mention"); goto done; }
        Mention *m = &A->m[i];
        m->s = PyLong_AsSsize_t(PyTuple_GET_ITEM(x, 0));
        m->e = PyLong_AsSsize_t(PyTuple_GET_ITEM(x, 1));
        m->actor = (int)PyLong_AsLong(PyTuple_GET_ITEM(x, 2));
        PyObject *kind = PyTuple_GET_ITEM(x, 3);
        m->kind = PyUnicode_Check(kind) ? (PyUnicode_CompareWithASCIIString(kind, "person") == 0 ? 1
                  : (PyUnicode_CompareWithASCIIString(kind, "group") == 0 ||
                     PyUnicode_CompareWithASCIIString(kind, "organization") == 0 ||
                     PyUnicode_CompareWithASCIIString(kind, "country") == 0) ? 2 : 0) : 0;
        m->anaphor = PyObject_IsTrue(PyTuple_GET_ITEM(x, 4));
        A->ms[i] = m->s;
    }
    if (PyErr_Occurred()) goto done;
    if (A->ns == 0) { PyErr_SetString(PyExc_ValueError, "targets: no sentences"); goto done; }
    /* every offset inside the text (the rules read characters at them) */
    Py_ssize_t len = A->t.len;
#define CHECK_SPAN(what, i, a, b, strict) \
    if ((a) < 0 || (b) > len || (strict ? (a) >= (b) : (a) > (b))) { \
        PyErr_Format(PyExc_ValueError, "attribution: %s %zd = (%zd, %zd) does not fit a text of length %zd", \
                     what, (Py_ssize_t)(i), (Py_ssize_t)(a), (Py_ssize_t)(b), len); \
        goto done; }
    for (Py_ssize_t i = 0; i < A->nh; i++) CHECK_SPAN("hit", i, A->hs[i], A->he[i], 0)
    for (Py_ssize_t i = 0; i < A->ns; i++) CHECK_SPAN("sentence", i, A->sa[i], A->sb[i], 0)
    for (Py_ssize_t i = 0; i < A->nq; i++) CHECK_SPAN("quotation", i, A->qs[i], A->qe[i], 1)
    for (Py_ssize_t i = 0; i < A->nm; i++) CHECK_SPAN("mention", i, A->m[i].s, A->m[i].e, 0)
#undef CHECK_SPAN
    ok = 0;
done:
    Py_XDECREF(hits); Py_XDECREF(sents); Py_XDECREF(quotes); Py_XDECREF(mentions);
    return ok;
}

/* targets(art) -> [(actor or None, rule)]: art._Article.target(h) for every hit.
 * attribute(art, quoted) -> [(actor or None, rule, speaker)]: the same, and for every hit
 * whose `quoted` item is true (every hit when quoted is None) speaker_of_hit(h), else "";
 * the speakers are looked for after all the targets, as ActorMatcher.attribute does. */
static PyObject *run_attribution(PyObject *art, PyObject *quoted, int speakers) {
    if (!attr_ready) {
        PyErr_SetString(PyExc_RuntimeError, "framing._speedups: set_attr_words was not called");
        return NULL;
    }
    Art A;
    TokVec T = {0}, T2 = {0};
    PyObject *out = NULL;
    Res *found = NULL;
    if (art_init(&A, art) < 0) goto done;
    if (speakers && quoted != Py_None && (!PyList_Check(quoted) || PyList_GET_SIZE(quoted) != A.nh)) {
        PyErr_SetString(PyExc_TypeError, "attribute: quoted must be None or a list with one item per hit");
        goto done;
    }
    found = PyMem_Malloc((A.nh + 1) * sizeof(Res));
    if (!found) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t h = 0; h < A.nh; h++) {
        found[h] = target(&A, &T, &T2, h);
        if (A.err) goto done;
    }
    out = PyList_New(A.nh);
    if (!out) goto done;
    for (Py_ssize_t h = 0; h < A.nh; h++) {
        Res r = found[h];
        PyObject *item;
        if (!speakers) {
            item = r.rule == TR_NONE ? Py_BuildValue("(Os)", Py_None, "")
                                     : Py_BuildValue("(is)", r.actor, RULE_NAMES[r.rule]);
        } else {
            PyObject *speaker = empty_str;
            int want = quoted == Py_None ? 1 : PyObject_IsTrue(PyList_GET_ITEM(quoted, h));
            if (want < 0) { Py_CLEAR(out); goto done; }
            if (want) {
                Py_ssize_t q = speech_quote_at(&A, A.hs[h]);
                if (q >= 0) {
                    speaker_of_quote(&A, q, 0);
                    speaker = A.sp_name[q];
                }
                if (A.err) { Py_CLEAR(out); goto done; }
            }
            item = r.rule == TR_NONE ? Py_BuildValue("(OsO)", Py_None, "", speaker)
                                     : Py_BuildValue("(isO)", r.actor, RULE_NAMES[r.rule], speaker);
        }
        if (!item) { Py_CLEAR(out); goto done; }
        PyList_SET_ITEM(out, h, item);
    }
done:
    art_free(&A);
    PyMem_Free(found);
    PyMem_Free(T.v);
    PyMem_Free(T2.v);
    return out;
}

static PyObject *targets_py(PyObject *self, PyObject *art) { return run_attribution(art, Py_None, 0); }

static PyObject *attribute_py(PyObject *self, PyObject *args) {
    PyObject *art, *quoted = Py_None;
    if (!PyArg_ParseTuple(args, "O|O:attribute", &art, &quoted)) return NULL;
    return run_attribution(art, quoted, 1);
}

/* name_runs(text, a, b, mentions) -> [(start, end, name)]: _Article.name_runs of the
 * sentence [a, b) whose mentions (tuples starting (start, end)) are given */
static PyObject *name_runs_py(PyObject *self, PyObject *args) {
    PyObject *text, *mentions;
    Py_ssize_t a, b;
    if (!PyArg_ParseTuple(args, "UnnO!:name_runs", &text, &a, &b, &PyList_Type, &mentions)) return NULL;
    if (!attr_ready) {
        PyErr_SetString(PyExc_RuntimeError, "framing._speedups: set_attr_words was not called");
        return NULL;
    }
    View t;
    if (view_of(text, &t) < 0) return NULL;
    if (a < 0) a = 0;
    if (b > t.len) b = t.len;
    Py_ssize_t nm = PyList_GET_SIZE(mentions);
    Mention *ms = PyMem_Malloc((nm + 1) * sizeof(Mention));
    if (!ms) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < nm; i++) {
        PyObject *x = PyList_GET_ITEM(mentions, i);
        if (!PyTuple_Check(x) || PyTuple_GET_SIZE(x) < 2) {
            PyMem_Free(ms);
            PyErr_SetString(PyExc_TypeError, "name_runs: mentions must be tuples (start, end, ...)");
            return NULL;
        }
        ms[i].s = PyLong_AsSsize_t(PyTuple_GET_ITEM(x, 0));
        ms[i].e = PyLong_AsSsize_t(PyTuple_GET_ITEM(x, 1));
    }
    if (PyErr_Occurred()) { PyMem_Free(ms); return NULL; }
    Vec v = {0};
    TokVec T = {0};
    PyObject *res = NULL;
    if (a < b && name_runs_core(&t, a, b, ms, 0, nm, &T, &v) < 0) goto done;
    res = PyList_New(v.n / 2);
    for (Py_ssize_t i = 0; res && i < v.n / 2; i++) {
        PyObject *name = PyUnicode_Substring(text, v.v[2 * i], v.v[2 * i + 1]);
        PyObject *x = name ? Py_BuildValue("(LLN)", (long long)v.v[2 * i], (long long)v.v[2 * i + 1], name) : NULL;
        if (!x) { Py_CLEAR(res); break; }
        PyList_SET_ITEM(res, i, x);
    }
done:
    PyMem_Free(ms);
    PyMem_Free(T.v);
    vec_free(&v);
    return res;
}

/* set_attr_words(sets, speech_words, patterns): the word lists (in the order of the W_ bits),
 * the one-word speech verbs of _SPEECH, and the patterns (in the order of P_) */
static PyObject *set_attr_words(PyObject *self, PyObject *args) {
    PyObject *sets, *speech, *pats;
    if (!PyArg_ParseTuple(args, "O!O!O!:set_attr_words", &PyList_Type, &sets, &PyList_Type, &speech,
                          &PyTuple_Type, &pats))
        return NULL;
    if (PyList_GET_SIZE(sets) != W_N_SETS || PyTuple_GET_SIZE(pats) != P_N) {
        PyErr_SetString(PyExc_ValueError, "set_attr_words: wrong number of word lists or patterns");
        return NULL;
    }
    attr_ready = 0;   /* until the tables are complete again */
    memset(wtab, 0, sizeof(wtab));
    for (Py_ssize_t i = 0; i < W_N_SETS; i++) {
        PyObject *it = PyObject_GetIter(PyList_GET_ITEM(sets, i)), *w;
        if (!it) return NULL;
        while ((w = PyIter_Next(it))) {
            Py_ssize_t n;
            const char *s = PyUnicode_Check(w) ? PyUnicode_AsUTF8AndSize(w, &n) : NULL;
            int bad = !s || wt_add(s, n, WB(i)) < 0;
            Py_DECREF(w);
            if (bad) { Py_DECREF(it); if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "words must be str"); return NULL; }
        }
        Py_DECREF(it);
        if (PyErr_Occurred()) return NULL;
    }
    const struct { const char **words; wflags_t flag; } own[] = {
        {BREAK_WORDS, W_BREAK}, {BREAK_COMMA_WORDS, W_BREAK_COMMA}, {PRONOUN_WORDS, W_PRON_RE},
        {PRONOUN_CAPS, W_PRON_RE_CAP}, {POSS_PRON_WORDS, W_POSS_RE_CAP}, {SPEECH_PAIRS, W_PAIR1},
        {SPEECH_PAIR_FIRSTS, W_SPEECH_PAIR1}, {NULL, 0}};
    for (int i = 0; own[i].words; i++)
        for (const char **w = own[i].words; *w; w += (own[i].flag == W_PAIR1 ? 2 : 1))
            if (wt_add(*w, (Py_ssize_t)strlen(*w), own[i].flag) < 0) return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(speech); i++) {   /* the one-word speech verbs */
        Py_ssize_t n;
        const char *w = PyUnicode_Check(PyList_GET_ITEM(speech, i))
                        ? PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(speech, i), &n) : NULL;
        if (!w) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "speech words must be str");
            return NULL;
        }
        if (wt_add(w, n, W_BREAK | W_SPEECH_RE) < 0) return NULL;
    }
    for (int i = 0; i < P_N; i++) Py_XSETREF(attr_pat[i], Py_NewRef(PyTuple_GET_ITEM(pats, i)));
#define INTERN(v, s) if (!v && !(v = PyUnicode_InternFromString(s))) return NULL
    INTERN(s_match, "match"); INTERN(s_search, "search"); INTERN(s_fullmatch, "fullmatch");
    INTERN(s_start, "start"); INTERN(s_end, "end"); INTERN(s_is_speech, "is_speech");
#undef INTERN
    if (!empty_str && !(empty_str = PyUnicode_FromString(""))) return NULL;
    attr_ready = 1;
    Py_RETURN_NONE;
}

static PyMethodDef module_methods[] = {
    {"set_fold", set_fold, METH_O, "set_fold(func): func(ch) -> folded character, '' when invisible"},
    {"layer", layer_py, METH_VARARGS, "layer(text) -> normalised layer, or None (invisible characters)"},
    {"sentence_spans", sentence_spans_py, METH_VARARGS, "sentence_spans(text, end=None) (text.sentence_spans)"},
    {"paragraph_of", paragraph_of_py, METH_VARARGS, "paragraph_of(text, pos) (text.paragraph_of)"},
    {"paragraph_quotes", paragraph_quotes_py, METH_VARARGS,
     "paragraph_quotes(text, p_start, p_end) -> [(start, end, closed)] (text.paragraph_quotes, unclassified)"},
    {"match_batch", match_batch, METH_VARARGS, "match_batch(automaton, texts, mapped, classify)"},
    {"set_attr_words", set_attr_words, METH_VARARGS,
     "set_attr_words(word_lists, speech_words, patterns): configure targets() (actors.py does)"},
    {"name_runs", name_runs_py, METH_VARARGS, "name_runs(text, a, b, mentions) (actors._Article.name_runs)"},
    {"attribute", attribute_py, METH_VARARGS,
     "attribute(article, quoted=None) -> [(actor or None, rule, speaker)] (actors.ActorMatcher.attribute)"},
    {"targets", targets_py, METH_O, "targets(article) -> [(actor or None, rule)] (actors._Article.target)"},
    {NULL}
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT, "framing._speedups",
    "C versions of framing's matcher loops (optional; see framing/_speedups.c)", -1, module_methods,
};

static PyObject *str_tuple(const char **words) {
    Py_ssize_t n = 0;
    while (words[n]) n++;
    PyObject *t = PyTuple_New(n);
    for (Py_ssize_t i = 0; t && i < n; i++) {
        PyObject *s = PyUnicode_FromString(words[i]);
        if (!s) { Py_CLEAR(t); break; }
        PyTuple_SET_ITEM(t, i, s);
    }
    return t;
}

PyMODINIT_FUNC PyInit__speedups(void) {
    for (int c = 0; c < 128; c++)
        ascii_fold[c] = (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32)
                        : ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) ? (uint8_t)c : (uint8_t)' ';
    for (Py_UCS4 c = 0; c < 128; c++)
        ascii_class[c] = (uint8_t)((Py_UNICODE_ISALNUM(c) ? 1 : 0) | (Py_UNICODE_ISSPACE(c) ? 2 : 0));
    bmp_fold = PyMem_RawCalloc(0x10000, sizeof(Py_UCS4));
    if (!bmp_fold) return PyErr_NoMemory();
    if (PyType_Ready(&AutomatonType) < 0) return NULL;
    PyObject *m = PyModule_Create(&speedups_module);
    if (!m) return NULL;
    PyObject *abbr = str_tuple(ABBREVIATIONS), *verbs = str_tuple(SPEECH_AHEAD);
    int bad = !abbr || !verbs ||
              PyModule_AddObjectRef(m, "Automaton", (PyObject *)&AutomatonType) < 0 ||
              PyModule_AddObjectRef(m, "ABBREVIATIONS", abbr) < 0 ||
              PyModule_AddObjectRef(m, "SPEECH_AHEAD", verbs) < 0 ||
              PyModule_AddIntConstant(m, "SCARE_QUOTE_MAX_WORDS", SCARE_QUOTE_MAX_WORDS) < 0 ||
              PyModule_AddIntConstant(m, "CLAUSE_WINDOW", CLAUSE_WINDOW_C) < 0;
    Py_XDECREF(abbr);
    Py_XDECREF(verbs);
    if (bad) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
