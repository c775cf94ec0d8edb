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

static int vec_push(Vec *a, int64_t x) {
    if (a->n == a->cap) {
        Py_ssize_t cap = a->cap ? a->cap * 2 : 64;
        int64_t *v = (int64_t *)PyMem_Realloc(a->v, cap * sizeof(int64_t));
        if (!v) { PyErr_NoMemory(); return -1; }
        a->v = v;
        a->cap = cap;
    }
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

static inline int is_word(Py_UCS4 c) { return c == '_' || Py_UNICODE_ISALNUM(c); }
static inline int is_space(Py_UCS4 c) { return Py_UNICODE_ISSPACE(c); }
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
    if (h->n == h->cap) {
        Py_ssize_t cap = h->cap ? h->cap * 2 : 32;
        Hit *v = PyMem_Realloc(h->v, cap * sizeof(Hit));
        if (!v) { PyErr_NoMemory(); return -1; }
        h->v = v; h->cap = cap;
    }
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
static int auto_scan(Automaton *a, PyObject *text, const View *t, const View *src, const int64_t *index,
                     HitVec *out) {
    HitVec ex = {0}, part[NSTREAM] = {{0}};
    out->n = 0;
    Py_ssize_t total = src->len + 2;  /* padded positions 0 .. len + 1 */
    int ns = (a->delta && total >= 64 * (Py_ssize_t)a->max_len + 1024) ? NSTREAM : 1;
    Py_ssize_t pos[NSTREAM], stop[NSTREAM], from[NSTREAM];
    int32_t state[NSTREAM];
    for (int k = 0; k < ns; k++) {
        from[k] = total * k / ns;
        stop[k] = total * (k + 1) / ns;
        pos[k] = k == 0 ? 0 : from[k] - a->max_len;
        state[k] = 0;
    }
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

/* Automaton.raw(text) -> [(start, end, entry)]: every key occurrence on the layer
 * of text.normalize (invisible characters read as spaces, nothing dropped),
 * unfiltered, in order of end; what pyahocorasick's iter reports.  Used for
 * actor aliases, which framing.actors filters with its own rules. */
static PyObject *auto_raw_py(Automaton *a, PyObject *args) {
    PyObject *text;
    if (!PyArg_ParseTuple(args, "U:raw", &text)) return NULL;
    View t;
    if (view_of(text, &t) < 0) return NULL;
    PyObject *lst = PyList_New(0);
    if (!lst) return NULL;
    int32_t s = (int32_t)(auto_step(a, 0, SYM_SPACE) & ~STATE_OUT);
    for (Py_ssize_t p = 1; p <= t.len + 1; p++) {
        int32_t c = sym_at(a, &t, p);
        if (c == -2) goto error;
        if (c == -1) c = SYM_SPACE;
        uint32_t cell = auto_step(a, s, c);
        s = (int32_t)(cell & ~STATE_OUT);
        if (!(cell & STATE_OUT)) continue;
        for (int32_t st = a->out[s] >= 0 ? s : a->dict[s]; st >= 0; st = a->dict[st]) {
            int32_t pi = a->out[st];
            PyObject *tp = Py_BuildValue("(nni)", p - a->pat_len[pi] + 1, p - 1, (int)a->pat_entry[pi]);
            if (!tp || PyList_Append(lst, tp) < 0) { Py_XDECREF(tp); goto error; }
            Py_DECREF(tp);
        }
    }
    return lst;
error:
    Py_DECREF(lst);
    return NULL;
}

static PyObject *auto_n_states(Automaton *a, void *closure) { return PyLong_FromLong(a->n_states); }
static PyObject *auto_dense(Automaton *a, void *closure) { return PyBool_FromLong(a->delta != NULL); }

static PyMethodDef auto_methods[] = {
    {"scan", (PyCFunction)auto_scan_py, METH_VARARGS,
     "scan(text, norm=None, index=None) -> sorted resolved hits (start, end, entry, priority)"},
    {"raw", (PyCFunction)auto_raw_py, METH_VARARGS, "raw(text) -> every key occurrence (start, end, entry)"},
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

/* _sentence_breaks: (cut, next_start) pairs, flattened into `out` */
static int sentence_breaks(const Region *r, Vec *out) {
    const View *t = r->t;
    Vec punct = {0}, lines = {0};
    int has_nl = 0;
    for (Py_ssize_t p = r->lo; p < r->hi; p++) {
        Py_UCS4 c = CH(t, p);
        if (c == '\n') has_nl = 1;
        if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
            Py_ssize_t ss, e = punct_match(r, p, &ss);
            if (e >= 0) {
                if (vec_push(&punct, ss) < 0 || vec_push(&punct, e) < 0) goto error;
                p = e - 1;
            }
        }
    }
    if (has_nl) {
        for (Py_ssize_t p = r->lo; p < r->hi; p++) {
            if (CH(t, p) != '\n') continue;
            Py_ssize_t e = line_match(r, p);
            if (e >= 0) {
                if (vec_push(&lines, p) < 0 || vec_push(&lines, e) < 0) goto error;
                p = e - 1;
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
    vec_free(&punct); vec_free(&lines);
    return 0;
error:
    vec_free(&punct); vec_free(&lines);
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
    HitVec hits;
    PyObject *matched;                                  /* list of matched_text */
} Batch;

static void batch_free(Batch *b) {
    vec_free(&b->rows); vec_free(&b->starts); vec_free(&b->ends); vec_free(&b->entries);
    vec_free(&b->sentences); vec_free(&b->voices); vec_free(&b->sents); vec_free(&b->quotes);
    vec_free(&b->kinds);
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
    /* sentence starts, up to the last hit */
    b->sents.n = 0;
    if (sentence_spans_c(&t, 0, t.len, h[n - 1].start + 1, &b->sents) < 0) return -1;
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
    return 0;
}

/* match_batch(automaton, texts, mapped, classify)
 *   texts: list; items that are not str are skipped (the caller reports them)
 *   mapped(text) -> (norm, index): text.normalize_mapped
 *   classify(text, start, end, closed) -> True for a scare quote: text.classify_quote
 * Returns (rows, starts, ends, entries, sentences, voices) as int64 bytes and
 * matched_text as a list.  voice: 0 narrative, 1 quoted, 2 scare_quote. */
static PyObject *match_batch(PyObject *self, PyObject *args) {
    Automaton *a;
    PyObject *texts, *mapped, *classify;
    if (!PyArg_ParseTuple(args, "O!O!OO:match_batch", &AutomatonType, &a, &PyList_Type, &texts, &mapped,
                          &classify))
        return NULL;
    Batch b = {0};
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

static PyMethodDef module_methods[] = {
    {"set_fold", set_fold, METH_O, "set_fold(func): func(ch) -> folded character, '' when invisible"},
    {"layer", layer_py, METH_VARARGS, "layer(text) -> normalised layer, or None (invisible characters)"},
    {"sentence_spans", sentence_spans_py, METH_VARARGS, "sentence_spans(text, end=None) (text.sentence_spans)"},
    {"paragraph_of", paragraph_of_py, METH_VARARGS, "paragraph_of(text, pos) (text.paragraph_of)"},
    {"paragraph_quotes", paragraph_quotes_py, METH_VARARGS,
     "paragraph_quotes(text, p_start, p_end) -> [(start, end, closed)] (text.paragraph_quotes, unclassified)"},
    {"match_batch", match_batch, METH_VARARGS, "match_batch(automaton, texts, mapped, classify)"},
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
              PyModule_AddIntConstant(m, "SCARE_QUOTE_MAX_WORDS", SCARE_QUOTE_MAX_WORDS) < 0;
    Py_XDECREF(abbr);
    Py_XDECREF(verbs);
    if (bad) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
