package fsmswitch

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// The table form: the enum, its constants, its transitions and every
// other use of it stay; only the consumer switch becomes a call through
// a table of state functions indexed by the state
// (pstateFns[p.state](p, c)). Nothing is stored but the byte the enum
// was, so a transition has no write barrier; and what blocks the
// transition-pointer form because it uses the state as a value (a
// comparison, a String method, a test reading the field, a second
// switch, a destructor) does not block this one.

// tableForm builds the table rewrite of one machine.
type tableForm struct {
	*stateFuncs
	funcs strings.Builder
	// byValue holds what the table calls for each value of the state:
	// the function of the clause that handles it (named after its first
	// state, with Fn), or the method expression the clause only calls.
	byValue []string
	noCase  string // the function of the values no clause handles; "" until needed
	// clamp is set when the index is bounded to the table's last slot,
	// which runs every value past the states'.
	clamp bool
	name  string // the table's
}

func tableFix(s *stateFuncs) (*analysis.SuggestedFix, error) {
	t := &tableForm{stateFuncs: s}
	sw := s.m.Consumer
	start := sw.Stmt.Pos()
	if ls := sw.labeled(); ls != nil {
		start = ls.Pos()
	}
	if err := t.plan(); err != nil {
		return nil, err
	}
	decls, err := formatDecls([]byte(t.table() + t.funcs.String()))
	if err != nil {
		return nil, err
	}
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Rewrite %s's switch as a call through a table of state functions indexed by the state, which is kept "+
			"(whether it is faster depends on the CPU: measure it with fsmvet verify)", s.m.Name()),
		TextEdits: []analysis.TextEdit{
			{Pos: start, End: s.end, NewText: []byte(s.run(t.call()))},
			{Pos: sw.Decl.End(), End: sw.Decl.End(), NewText: decls},
		},
	}, nil
}

// plan declares the function of each clause and fills the table: each
// value from zero to the largest state's, and, when the field may hold
// a larger one (a computed write), one more slot for all of those.
func (t *tableForm) plan() error {
	m := t.m
	byState := make(map[*types.Const]string)
	var zero, dflt string // the clause handling a zero that is no state, and the default's
	for _, c := range m.Consumer.Cases {
		expr, isMethod := t.methods[c]
		switch {
		case isMethod:
		case len(c.States) > 0:
			expr = t.freshName(c.States[0].Name() + "Fn")
		case c.IsDefault():
			expr = t.freshName(m.Type.Name() + "Default")
		case c.Zero:
			expr = t.freshName(m.Type.Name() + "Zero")
		default:
			continue // a case naming only states earlier cases name
		}
		if !isMethod {
			body, err := t.caseBody(c)
			if err != nil {
				return err
			}
			t.decl(&t.funcs, expr, t.caseDoc(c)+alsoStates(c.States), body)
		}
		for _, st := range c.States {
			byState[st] = expr
		}
		if c.Zero {
			zero = expr
		}
		if c.IsDefault() {
			dflt = expr
		}
	}
	size := maxState(m.States) + 1
	t.byValue = make([]string, size, size+1)
	for v := range t.byValue {
		st := t.stateAt(int64(v))
		switch {
		case st != nil && byState[st] != "":
			t.byValue[v] = byState[st]
		case st == nil && v == 0 && zero != "":
			t.byValue[v] = zero
		case st == nil && dflt != "":
			t.byValue[v] = dflt
		default:
			fn, err := t.noCaseFn(st)
			if err != nil {
				return err
			}
			t.byValue[v] = fn
		}
	}
	if t.clamp = t.bounded(); t.clamp {
		fn := dflt
		if fn == "" {
			var err error
			if fn, err = t.noCaseFn(nil); err != nil {
				return err
			}
		}
		t.byValue = append(t.byValue, fn)
	}
	t.name = t.freshName(m.Type.Name() + "Fns")
	return nil
}

// stateAt returns the first state whose value is v, or nil.
func (t *tableForm) stateAt(v int64) *types.Const {
	for _, st := range t.m.States {
		if k, _ := constant.Int64Val(st.Val()); k == v {
			return st
		}
	}
	return nil
}

// maxState is the largest value of the states (small and non-negative:
// tableBlockers).
func maxState(states []*types.Const) int64 {
	var hi int64
	for _, st := range states {
		v, _ := constant.Int64Val(st.Val())
		hi = max(hi, v)
	}
	return hi
}

// noCaseFn returns the function of the values no clause handles, which
// runs no case: the code after the switch goes on (or, when every case
// ends the method, runs in it). It is named after the first state it
// runs, if any.
func (t *tableForm) noCaseFn(st *types.Const) (string, error) {
	if t.noCase != "" {
		return t.noCase, nil
	}
	name := t.m.Type.Name() + "NoCase"
	if st != nil {
		name = st.Name() + "Fn"
	}
	t.noCase = t.freshName(name)
	body, err := t.unhandledBody()
	if err != nil {
		return "", err
	}
	doc := "runs the values of " + t.m.Type.Name() + " no clause of " + typesx.MethodName(t.m.Consumer.Method) + " handles."
	if len(t.trailing) > 0 {
		doc += "\n// It runs the code that followed the switch."
	}
	t.decl(&t.funcs, t.noCase, doc, body)
	return t.noCase, nil
}

// bounded reports whether the table needs a last slot for values past
// its states: the field may hold one (it is written a computed value, or
// through a pointer), and the table does not hold every value of the
// type (a byte's 256).
func (t *tableForm) bounded() bool {
	kind := t.m.Type.Type().Underlying().(*types.Basic).Kind()
	return t.m.anyValue && !(kind == types.Uint8 && len(t.byValue) == 256)
}

// table declares the table, filled in an init function when a state
// function reaches the consumer (which reads the table): a variable's
// initializer may not.
func (t *tableForm) table() string {
	name := t.name
	typ := "func" + t.funcType(t.sig, false)
	var b strings.Builder
	fmt.Fprintf(&b, "\n\n// %s holds the function %s runs in each %s, indexed by it.", name, typesx.MethodName(t.m.Consumer.Method), t.m.Type.Name())
	if t.clamp {
		fmt.Fprintf(&b, "\n// Its last runs every value past the states', which the index is bounded to.")
	}
	var elems strings.Builder
	for v, fn := range t.byValue {
		key := strconv.Itoa(v)
		if st := t.stateAt(int64(v)); st != nil {
			key = st.Name()
		}
		fmt.Fprintf(&elems, "\n%s: %s,", key, fn)
	}
	lit := fmt.Sprintf("[%d]%s{%s\n}", len(t.byValue), typ, elems.String())
	if t.reachesConsumer() {
		fmt.Fprintf(&b, "\n// It is filled by init: its functions call %s, which reads it.\nvar %s [%d]%s\n\nfunc init() {\n%s = %s\n}",
			typesx.MethodName(t.m.Consumer.Method), name, len(t.byValue), typ, name, lit)
	} else {
		fmt.Fprintf(&b, "\nvar %s = %s", name, strings.Replace(lit, "["+strconv.Itoa(len(t.byValue))+"]", "[...]", 1))
	}
	return b.String()
}

// call is the call of the state's function through the table.
func (t *tableForm) call() string {
	index := t.sig.recvArg + "." + t.m.Field.Name()
	if t.clamp {
		if t.m.Type.Type().Underlying().(*types.Basic).Info()&types.IsUnsigned == 0 {
			index = "uint(" + index + ")"
		}
		index = fmt.Sprintf("min(%s, %d)", index, len(t.byValue)-1)
	}
	return fmt.Sprintf("%s[%s](%s)", t.name, index, t.callArgs())
}

// reachesConsumer reports whether the code of a state function refers,
// through the functions of the package, to the consumer method: a table
// initialized with those functions would be part of an initialization
// cycle. (A path through a package variable would be a cycle in the
// code as written already: the consumer holds the cases.)
func (t *tableForm) reachesConsumer() bool {
	info := t.pass.TypesInfo
	bodies := make(map[types.Object]ast.Node)
	for _, file := range t.pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				bodies[info.Defs[fd.Name]] = fd.Body
			}
		}
	}
	var work []types.Object
	refs := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if obj := info.Uses[id]; obj != nil && obj.Pkg() == t.pass.Pkg && bodies[originOf(obj)] != nil {
					work = append(work, originOf(obj))
				}
			}
			return true
		})
	}
	for _, c := range t.m.Consumer.Cases {
		for _, st := range c.Clause.Body {
			refs(st)
		}
	}
	for _, st := range t.trailing {
		refs(st)
	}
	seen := make(map[types.Object]bool)
	for len(work) > 0 {
		obj := work[len(work)-1]
		work = work[:len(work)-1]
		if obj == t.m.Consumer.Method {
			return true
		}
		if !seen[obj] {
			seen[obj] = true
			refs(bodies[obj])
		}
	}
	return false
}

// originOf returns the generic origin of a function, else obj.
func originOf(obj types.Object) types.Object {
	if fn, ok := obj.(*types.Func); ok {
		return fn.Origin()
	}
	return obj
}
