package lint

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"slices"
	"sync"

	"golang.org/x/tools/go/packages"

	"github.com/fsmvet/fsmvet/internal/govet"
)

// A checked package is a node's syntax and types, held only while its
// analyzers run.
type checked struct {
	files  []*ast.File
	types  *types.Package
	info   *types.Info
	sizes  types.Sizes
	errors []error // parse and type errors
}

// parseCache shares each file's syntax between the variants of a package
// (p, p [p.test], p [q.test] all hold p's files), as go/packages does, and
// forgets it when the last package holding the file has been checked.
type parseCache struct {
	fset *token.FileSet
	src  source

	mu    sync.Mutex
	files map[string]*parsedFile
}

type parsedFile struct {
	once sync.Once
	file *ast.File
	err  error
	refs int // packages not yet checked that hold the file; guarded by parseCache.mu
}

func newParseCache(fset *token.FileSet, src source, nodes []*node) *parseCache {
	c := &parseCache{fset: fset, src: src, files: make(map[string]*parsedFile)}
	for _, n := range nodes {
		for _, name := range n.pkg.CompiledGoFiles {
			pf := c.files[name]
			if pf == nil {
				pf = new(parsedFile)
				c.files[name] = pf
			}
			pf.refs++
		}
	}
	return c
}

// parse returns the syntax of the named file, parsing it on first need.
func (c *parseCache) parse(name string) (*ast.File, error) {
	c.mu.Lock()
	pf := c.files[name]
	c.mu.Unlock()
	pf.once.Do(func() {
		src, err := c.src.read(name)
		if err != nil {
			pf.err = err
			return
		}
		pf.file, pf.err = parser.ParseFile(c.fset, name, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
	})
	return pf.file, pf.err
}

// release forgets the files of a checked package that no other package
// still needs.
func (c *parseCache) release(names []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, name := range names {
		if pf := c.files[name]; pf != nil {
			if pf.refs--; pf.refs == 0 {
				delete(c.files, name)
			}
		}
	}
}

// A source reads the files of a run as its analyzers must see them: an
// editor's unsaved buffer (the run's overlay) where there is one, else the
// file on disk. Parsing and Pass.ReadFile both read through it, so a fix's
// offsets are offsets into the text that was parsed.
type source map[string][]byte

func (s source) read(name string) ([]byte, error) {
	if data, ok := s[name]; ok {
		return data, nil
	}
	return os.ReadFile(name)
}

// check parses and type-checks a package from source against the types
// of its imports, which are already checked. Like go/packages, it records
// every error and returns what type-checked; a package with a syntax
// error is not type-checked.
func check(n *node, cache *parseCache) *checked {
	c := &checked{sizes: n.pkg.TypesSizes}
	for _, e := range n.pkg.Errors {
		c.errors = append(c.errors, e)
	}
	syntax := false
	for _, name := range n.pkg.CompiledGoFiles {
		f, err := cache.parse(name)
		if err != nil {
			c.errors = append(c.errors, err)
			syntax = true
		}
		if f != nil {
			c.files = append(c.files, f)
		}
	}
	if syntax {
		return c // as go vet, no type errors that follow from a syntax error
	}
	c.info = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	checkedImports := make(map[*packages.Package]*types.Package, len(n.imports))
	for _, dep := range n.imports {
		checkedImports[dep.pkg] = dep.types
	}
	conf := &types.Config{
		Importer: importer(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			if p := checkedImports[n.pkg.Imports[path]]; p != nil {
				return p, nil
			}
			return nil, fmt.Errorf("no package for import %q", path) // go list reported why
		}),
		Error: func(err error) { c.errors = append(c.errors, err) },
		Sizes: c.sizes,
	}
	if m := n.pkg.Module; m != nil && m.GoVersion != "" {
		conf.GoVersion = "go" + m.GoVersion
	}
	c.types, _ = conf.Check(n.pkg.PkgPath, cache.fset, c.files, c.info) // errors are in c.errors
	return c
}

type importer func(path string) (*types.Package, error)

func (f importer) Import(path string) (*types.Package, error) { return f(path) }

// errorText prints a load, parse or type error as file:line:col: message.
func errorText(fset *token.FileSet, err error) string {
	var te types.Error
	var pe packages.Error
	var se scanner.ErrorList
	switch {
	case errors.As(err, &se) && len(se) > 0:
		// A file's first syntax error, as go vet prints it: what follows
		// is mostly the parser losing its way.
		se = slices.Clone(se)
		se.RemoveMultiples() // one a line
		text := govet.Posn(se[0].Pos) + ": " + se[0].Msg
		if len(se) > 1 {
			text += fmt.Sprintf(" (and %d more errors)", len(se)-1)
		}
		return text
	case errors.As(err, &te):
		return fmt.Sprintf("%s: %s", govet.Posn(fset.Position(te.Pos)), te.Msg) // relative, as findings are
	case errors.As(err, &pe):
		return govet.ErrorText(pe)
	}
	return err.Error()
}
