package lint

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/edit"
)

// A suite is the analyzers a run needs, each after those it requires.
type suite struct {
	order    []*analysis.Analyzer
	reported map[*analysis.Analyzer]bool // the requested ones: their findings are printed
	// everywhere holds the analyzers that run on every package, reported
	// or not: those with facts, which importers read, and what they
	// require.
	everywhere map[*analysis.Analyzer]bool
}

func newSuite(requested []*analysis.Analyzer) *suite {
	s := &suite{reported: make(map[*analysis.Analyzer]bool), everywhere: make(map[*analysis.Analyzer]bool)}
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		s.order = append(s.order, a)
	}
	for _, a := range requested {
		visit(a)
		s.reported[a] = true
	}
	var mark func(a *analysis.Analyzer)
	mark = func(a *analysis.Analyzer) {
		s.everywhere[a] = true
		for _, req := range a.Requires {
			mark(req)
		}
	}
	for _, a := range s.order {
		if len(a.FactTypes) > 0 {
			mark(a)
		}
	}
	return s
}

// runs reports whether analyzer a runs on package n.
func (s *suite) runs(a *analysis.Analyzer, n *node) bool {
	return n.root || s.everywhere[a]
}

// factStore holds every fact the analyzers export, for the rest of the
// run: the objects they describe are few (a state machine's struct), so
// holding them keeps little of a package alive.
type factStore struct {
	mu       sync.RWMutex
	objects  map[objectKey]analysis.Fact
	packages map[packageKey]analysis.Fact
}

type objectKey struct {
	obj types.Object
	typ reflect.Type
}

type packageKey struct {
	pkg *types.Package
	typ reflect.Type
}

// factSet lists the facts one package exported, for the All*Facts of its
// importers.
type factSet struct {
	objects  []objectKey
	packages []packageKey
}

func newFactStore() *factStore {
	return &factStore{objects: make(map[objectKey]analysis.Fact), packages: make(map[packageKey]analysis.Fact)}
}

// A finding is a diagnostic with every position resolved, so that the
// package it came from can be forgotten.
type finding struct {
	analyzer string
	pkgID    string
	posn     token.Position
	end      token.Position
	category string
	message  string
	related  []related
	fixes    []fix
}

type related struct {
	posn, end token.Position
	message   string
}

type fix struct {
	message string
	edits   []fileEdit
}

// A fileEdit is an edit of the named file.
type fileEdit struct {
	file string
	edit.Edit
}

// analyze runs the suite's analyzers on a checked package, each after
// those it requires, and returns the findings of the reported ones.
func (r *runner) analyze(n *node, c *checked) ([]finding, error) {
	results := make(map[*analysis.Analyzer]any)
	var found []finding
	exported := new(factSet)
	for _, a := range r.suite.order {
		if !r.suite.runs(a, n) {
			continue
		}
		pass := r.pass(a, n, c, results, exported)
		var diags []analysis.Diagnostic
		pass.Report = func(d analysis.Diagnostic) { diags = append(diags, d) }
		result, err := a.Run(pass)
		if err != nil {
			return nil, fmt.Errorf("%s on %s: %w", a.Name, n.pkg.ID, err)
		}
		if got := reflect.TypeOf(result); got != a.ResultType {
			return nil, fmt.Errorf("%s on %s returned a %v, but declares %v", a.Name, n.pkg.ID, got, a.ResultType)
		}
		results[a] = result
		if !n.root || !r.suite.reported[a] {
			continue
		}
		for _, d := range diags {
			f, err := r.finding(a, n, d)
			if err != nil {
				return nil, err
			}
			found = append(found, f)
		}
	}
	n.facts = exported
	return found, nil
}

// pass builds the pass of analyzer a over package n.
func (r *runner) pass(a *analysis.Analyzer, n *node, c *checked, results map[*analysis.Analyzer]any, exported *factSet) *analysis.Pass {
	inputs := make(map[*analysis.Analyzer]any, len(a.Requires))
	for _, req := range a.Requires {
		inputs[req] = results[req]
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         r.fset,
		Files:        c.files,
		OtherFiles:   n.pkg.OtherFiles,
		IgnoredFiles: n.pkg.IgnoredFiles,
		Pkg:          c.types,
		TypesInfo:    c.info,
		TypesSizes:   c.sizes,
		Module:       module(n),
		ResultOf:     inputs,
	}
	pass.ReadFile = readFileOf(pass, r.src)
	store := r.facts
	pass.ImportObjectFact = func(obj types.Object, fact analysis.Fact) bool {
		store.mu.RLock()
		defer store.mu.RUnlock()
		return copyFact(store.objects[objectKey{obj, reflect.TypeOf(fact)}], fact)
	}
	pass.ImportPackageFact = func(pkg *types.Package, fact analysis.Fact) bool {
		store.mu.RLock()
		defer store.mu.RUnlock()
		return copyFact(store.packages[packageKey{pkg, reflect.TypeOf(fact)}], fact)
	}
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if obj.Pkg() != c.types {
			panic(fmt.Sprintf("%s: fact on %s, an object of another package than %s", a.Name, obj, c.types.Path()))
		}
		key := objectKey{obj, reflect.TypeOf(fact)}
		store.mu.Lock()
		defer store.mu.Unlock()
		if _, ok := store.objects[key]; !ok {
			exported.objects = append(exported.objects, key)
		}
		store.objects[key] = fact
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		key := packageKey{c.types, reflect.TypeOf(fact)}
		store.mu.Lock()
		defer store.mu.Unlock()
		if _, ok := store.packages[key]; !ok {
			exported.packages = append(exported.packages, key)
		}
		store.packages[key] = fact
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact { return r.allObjectFacts(n, exported, a) }
	pass.AllPackageFacts = func() []analysis.PackageFact { return r.allPackageFacts(n, exported, a) }
	return pass
}

// copyFact copies a stored fact into the caller's, as analysis.Pass's
// ImportObjectFact requires.
func copyFact(stored, into analysis.Fact) bool {
	if stored == nil {
		return false
	}
	reflect.ValueOf(into).Elem().Set(reflect.ValueOf(stored).Elem())
	return true
}

// allObjectFacts returns the object facts of analyzer a's types exported
// by n (so far) and by every package n imports, transitively, in a fixed
// order.
func (r *runner) allObjectFacts(n *node, own *factSet, a *analysis.Analyzer) []analysis.ObjectFact {
	r.facts.mu.RLock()
	defer r.facts.mu.RUnlock()
	return visibleFacts(n, own, a, func(s *factSet) []objectKey { return s.objects },
		func(k objectKey) analysis.ObjectFact {
			return analysis.ObjectFact{Object: k.obj, Fact: r.facts.objects[k]}
		})
}

// allPackageFacts is allObjectFacts for package facts.
func (r *runner) allPackageFacts(n *node, own *factSet, a *analysis.Analyzer) []analysis.PackageFact {
	r.facts.mu.RLock()
	defer r.facts.mu.RUnlock()
	return visibleFacts(n, own, a, func(s *factSet) []packageKey { return s.packages },
		func(k packageKey) analysis.PackageFact {
			return analysis.PackageFact{Package: k.pkg, Fact: r.facts.packages[k]}
		})
}

// visibleFacts returns, for the keys that keys picks from n's own facts
// and from those of every package n imports, the facts of a's types, as
// fact makes them.
func visibleFacts[K interface{ factType() reflect.Type }, F any](n *node, own *factSet, a *analysis.Analyzer, keys func(*factSet) []K, fact func(K) F) []F {
	ks := slices.Clone(keys(own))
	for _, dep := range transitiveImports(n) {
		ks = append(ks, keys(dep.facts)...)
	}
	var facts []F
	for _, k := range ks {
		if ownsFactType(a, k.factType()) {
			facts = append(facts, fact(k))
		}
	}
	return facts
}

func (k objectKey) factType() reflect.Type  { return k.typ }
func (k packageKey) factType() reflect.Type { return k.typ }

func ownsFactType(a *analysis.Analyzer, t reflect.Type) bool {
	return slices.ContainsFunc(a.FactTypes, func(f analysis.Fact) bool { return reflect.TypeOf(f) == t })
}

// transitiveImports returns every package n imports, directly or not, in
// a fixed order (depth first, imports in path order). All have been
// analysed: a package runs after its imports.
func transitiveImports(n *node) []*node {
	seen := make(map[*node]bool)
	var out []*node
	var visit func(*node)
	visit = func(n *node) {
		for _, dep := range n.imports {
			if !seen[dep] {
				seen[dep] = true
				visit(dep)
				if dep.facts != nil {
					out = append(out, dep)
				}
			}
		}
	}
	visit(n)
	return out
}

func module(n *node) *analysis.Module {
	m := n.pkg.Module
	if m == nil {
		return &analysis.Module{}
	}
	return &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
}

// readFileOf returns the Pass.ReadFile of a pass: the files of the
// package, and no others, as analysis.Pass documents, read from src.
func readFileOf(pass *analysis.Pass, src source) func(string) ([]byte, error) {
	allowed := make(map[string]bool)
	for _, f := range pass.Files {
		allowed[pass.Fset.File(f.FileStart).Name()] = true
	}
	for _, name := range append(slices.Clone(pass.OtherFiles), pass.IgnoredFiles...) {
		allowed[name] = true
	}
	return func(name string) ([]byte, error) {
		if !allowed[name] {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not a file of package %s", name, pass.Pkg.Path())
		}
		return src.read(name)
	}
}

// finding resolves a diagnostic's positions, and checks its fixes: each
// edit within one file of the package, no two edits of a fix overlapping.
func (r *runner) finding(a *analysis.Analyzer, n *node, d analysis.Diagnostic) (finding, error) {
	f := finding{
		analyzer: a.Name, pkgID: n.pkg.ID,
		posn: r.fset.Position(d.Pos), end: r.fset.Position(cmp.Or(d.End, d.Pos)),
		category: d.Category, message: d.Message,
	}
	for _, rel := range d.Related {
		f.related = append(f.related, related{posn: r.fset.Position(rel.Pos), end: r.fset.Position(cmp.Or(rel.End, rel.Pos)), message: rel.Message})
	}
	for _, sf := range d.SuggestedFixes {
		byFile, err := edit.FromAnalysis(r.fset, sf.TextEdits)
		if err != nil {
			return f, fmt.Errorf("%s on %s: fix %q at %s: %w", a.Name, n.pkg.ID, sf.Message, f.posn, err)
		}
		fx := fix{message: sf.Message}
		for _, file := range sortedKeys(byFile) {
			if err := checkEdits(byFile[file]); err != nil {
				return f, fmt.Errorf("%s on %s: fix %q at %s: %s: %w", a.Name, n.pkg.ID, sf.Message, f.posn, file, err)
			}
			for _, e := range byFile[file] {
				fx.edits = append(fx.edits, fileEdit{file, e})
			}
		}
		f.fixes = append(f.fixes, fx)
	}
	return f, nil
}

// checkEdits reports an error if two edits of one fix, in one file,
// overlap.
func checkEdits(edits []edit.Edit) error {
	sorted := slices.Clone(edits)
	edit.Sort(sorted)
	for i := 1; i < len(sorted); i++ {
		if a, b := sorted[i-1], sorted[i]; b.Start < a.End {
			return fmt.Errorf("edits %v and %v overlap", a, b)
		}
	}
	return nil
}
