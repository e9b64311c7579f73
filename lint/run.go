package lint

import (
	"go/token"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// A runner checks and analyses the packages of one run, a package at a
// time in dependency order, on a few workers.
//
// This is why fsmvet has a driver of its own rather than x/tools'
// multichecker: that one loads the syntax and types of every package
// first and keeps every analysis result (the SSA of every package among
// them) until the end, 7 GB for std with its tests. Here a package's
// syntax, type information and results are dropped as soon as its
// analyzers have run, and its types once every package importing it has
// been checked.
type runner struct {
	fset  *token.FileSet
	src   source
	suite *suite
	cache *parseCache
	facts *factStore

	mu       sync.Mutex
	queue    chan *node
	left     int
	findings []finding
	errs     []string
}

func newRunner(nodes []*node, analyzers []*analysis.Analyzer, overlay map[string][]byte) *runner {
	fset := token.NewFileSet()
	r := &runner{
		fset:  fset,
		src:   overlay,
		suite: newSuite(analyzers),
		cache: newParseCache(fset, overlay, nodes),
		facts: newFactStore(),
		queue: make(chan *node, len(nodes)),
		left:  len(nodes),
	}
	for _, n := range nodes {
		n.waiting, n.pending = len(n.imports), len(n.users)
		if n.waiting == 0 {
			r.queue <- n
		}
	}
	return r
}

// run checks and analyses every package on workers goroutines; then
// r.findings holds the findings of the reported packages, in no
// particular order, and r.errs every load, parse, type and analysis
// error, sorted and without repeats.
func (r *runner) run(workers int) {
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			for n := range r.queue {
				r.process(n)
				r.done(n)
			}
		})
	}
	wg.Wait()
	slices.Sort(r.errs)
	r.errs = slices.Compact(r.errs)
}

// process checks one package and, unless it or an import failed to
// type-check, analyses it.
func (r *runner) process(n *node) {
	defer r.cache.release(n.pkg.CompiledGoFiles)
	for _, dep := range n.imports {
		if dep.failed {
			n.failed = true // its own errors would follow from the import's
			return
		}
	}
	c := check(n, r.cache)
	n.types = c.types
	if len(c.errors) > 0 {
		n.failed = true
		r.mu.Lock()
		for _, err := range c.errors {
			r.errs = append(r.errs, errorText(r.fset, err))
		}
		r.mu.Unlock()
		return
	}
	found, err := r.analyze(n, c)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		n.failed = true
		r.errs = append(r.errs, err.Error())
		return
	}
	r.findings = append(r.findings, found...)
}

// done releases what the checked package no longer needs and queues the
// packages that were waiting only for it.
func (r *runner) done(n *node) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, u := range n.users {
		if u.waiting--; u.waiting == 0 {
			r.queue <- u
		}
	}
	for _, dep := range n.imports {
		if dep.pending--; dep.pending == 0 {
			dep.types = nil // no package left to check imports it
		}
	}
	if n.pending == 0 {
		n.types = nil
	}
	if r.left--; r.left == 0 {
		close(r.queue)
	}
}

// rootPaths returns the import paths of the reported packages.
func rootPaths(nodes []*node) []string {
	var paths []string
	for _, n := range nodes {
		if n.root {
			paths = append(paths, n.pkg.PkgPath)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}
