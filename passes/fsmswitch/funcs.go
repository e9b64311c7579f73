package fsmswitch

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fsmvet/fsmvet/internal/typesx"
)

// This file writes what both rewrite forms call: a function per clause of
// the consumer switch, a state function, that takes the receiver, the
// consumer's parameters and its named results, and a method expression
// in place of a clause that only calls a method of the struct. The forms
// differ in how they name the functions and how they call them.

// stateFuncs holds how the state functions of one machine look.
type stateFuncs struct {
	*emitter
	// tail is set when the dispatch returns what the state function
	// returns: the switch ends the method, or every case ends the method
	// and the code after the switch runs only for the states no case
	// handles (trailing: it moves into their function). flag is set when
	// code follows the switch and a case returns: a state function then
	// also says whether it did. With neither, a state function returns
	// only the threaded named results.
	tail, flag bool
	trailing   []ast.Stmt
	end        token.Pos // where the code the dispatch replaces ends
	// methods holds the method expression ((*T).m) that stands for each
	// clause that only calls a method of the struct with the consumer's
	// parameters: no function of its own.
	methods map[*Case]string
	// thread is set when the consumer uses a named result before the
	// switch: state functions then take the named results' values and
	// return them. Otherwise they declare the named results as their own,
	// which start at zero as the consumer's then still are.
	thread   bool
	doneName string              // the flag's name, in a dispatch and among named results
	inner    []analysis.TextEdit // edits inside the replaced code: they move with its cases
	// dropConsumer is set when every call of the consumer became a call
	// of the state's function in a driver loop: the method goes.
	dropConsumer bool
}

func newStateFuncs(e *emitter) *stateFuncs {
	sw := e.m.Consumer
	s := &stateFuncs{emitter: e, end: sw.Stmt.End(), tail: isLastStmt(sw.Decl.Body, sw.Stmt)}
	if !s.tail {
		if trailing, ok := s.absorbable(); ok {
			s.tail, s.trailing = true, trailing
			s.end = trailing[len(trailing)-1].End()
		}
	}
	s.flag = !s.tail && slices.ContainsFunc(sw.Cases, func(c *Case) bool { return len(c.Returns) > 0 })
	s.thread = s.resultUsedBefore()
	s.methods = make(map[*Case]string)
	for _, c := range sw.Cases {
		if expr, ok := s.methodExpr(c); ok {
			s.methods[c] = expr
		}
	}
	return s
}

// resultUsedBefore reports whether the consumer names one of its results
// before the switch (a write, a read, a closure that holds it).
func (s *stateFuncs) resultUsedBefore() bool {
	sw := s.m.Consumer
	results := sw.Method.Signature().Results()
	used := false
	ast.Inspect(sw.Decl.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Pos() < sw.Stmt.Pos() {
			if v, ok := s.pass.TypesInfo.Uses[id].(*types.Var); ok && slices.Contains(slices.Collect(results.Variables()), v) {
				used = true
			}
		}
		return !used
	})
	return used
}

// named reports whether the consumer's results are named: a state
// function then returns what a bare return of the consumer would, and
// what the consumer goes on with after the switch.
func (s *stateFuncs) named() bool {
	return len(s.sig.named) > 0 && s.sig.named[0] != ""
}

// threaded returns the named results a state function receives, and
// returns, so that a case that sets them and returns bare keeps their
// values: as parameters, and as the arguments a dispatch passes.
func (s *stateFuncs) threaded() (params, args []string) {
	if !s.thread {
		return nil, nil
	}
	for i, n := range s.sig.named {
		if n != "" && n != "_" {
			params = append(params, n+" "+s.sig.results[i])
			args = append(args, n)
		}
	}
	return params, args
}

// outVars are the named results a state function returns when the
// dispatch goes on after the switch with no flag: those it can assign.
func (s *stateFuncs) outVars() []string {
	var vars []string
	for _, n := range s.sig.named {
		if n != "" && n != "_" {
			vars = append(vars, n)
		}
	}
	return vars
}

// callArgs are the arguments a dispatch passes a state function.
func (s *stateFuncs) callArgs() string {
	_, targs := s.threaded()
	args := append([]string{s.sig.recvArg}, s.sig.args...)
	return strings.Join(append(args, targs...), ", ")
}

// currentResults are the values of the results at a bare return: the
// named results, or zero values.
func (s *stateFuncs) currentResults() []string {
	if s.named() {
		return slices.Clone(s.sig.named)
	}
	return slices.Clone(s.sig.zeros)
}

// resultVars are the named results as assignment targets ("_" for blanks).
func (s *stateFuncs) resultVars() []string { return slices.Clone(s.sig.named) }

// absorbable returns the statements after the consumer switch when they
// can move into the functions of the states no case handles: the switch
// is a statement of the method's body, every case ends the method (so the
// code after the switch runs only when no case does), and that code uses
// no local declared before it and holds no label.
func (s *stateFuncs) absorbable() ([]ast.Stmt, bool) {
	sw := s.m.Consumer
	i := slices.Index(sw.Decl.Body.List, ast.Stmt(sw.Stmt))
	if i < 0 || sw.labeled() != nil {
		return nil, false
	}
	for _, c := range sw.Cases {
		if len(c.Clause.Body) == 0 || !c.Terminates || len(c.Breaks) > 0 {
			return nil, false
		}
	}
	trailing := sw.Decl.Body.List[i+1:]
	info := s.pass.TypesInfo
	own := ownVars(info, sw.Decl)
	first, last := trailing[0].Pos(), trailing[len(trailing)-1].End()
	ok := true
	for _, st := range trailing {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.LabeledStmt, *ast.DeferStmt:
				ok = false
			case *ast.Ident:
				if v, isVar := info.Uses[n].(*types.Var); isVar && !v.IsField() && v.Parent() != nil &&
					v.Parent() != s.pass.Pkg.Scope() && !own[v] && (v.Pos() < first || v.Pos() >= last) {
					ok = false
				}
			}
			return ok
		})
	}
	return trailing, ok
}

// methodExpr returns the method expression (*T).m that can stand for a
// clause whose one statement calls method m of the struct on the
// receiver with the consumer's parameters, in order, and returns what
// it returns when the dispatch does: a function of the state's own
// would only call it.
func (s *stateFuncs) methodExpr(c *Case) (string, bool) {
	sw := s.m.Consumer
	if len(c.Clause.Body) != 1 || s.flag {
		return "", false
	}
	if params, _ := s.threaded(); len(params) > 0 {
		return "", false
	}
	// The state function returns the consumer's results (the dispatch
	// returns them), or nothing (it goes on after the switch, with no
	// named results to hand back).
	var call *ast.CallExpr
	results := sw.Method.Signature().Results()
	switch st := c.Clause.Body[0].(type) {
	case *ast.ExprStmt:
		call, _ = ast.Unparen(st.X).(*ast.CallExpr)
		if results.Len() > 0 && (s.tail || len(s.outVars()) > 0) {
			return "", false
		}
		results = types.NewTuple()
	case *ast.ReturnStmt:
		if s.tail && len(st.Results) == 1 {
			call, _ = ast.Unparen(st.Results[0]).(*ast.CallExpr)
		}
	}
	if call == nil {
		return "", false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !selects(s.pass.TypesInfo, sel, sw.Recv) {
		return "", false
	}
	selection := s.pass.TypesInfo.Selections[sel]
	if selection == nil || selection.Kind() != types.MethodVal || len(selection.Index()) != 1 {
		return "", false
	}
	fn := selection.Obj().(*types.Func)
	if fn == sw.Method || !s.passesParams(call, fn.Signature()) || !types.Identical(fn.Signature().Results(), results) {
		return "", false
	}
	return "(*" + s.m.Struct.Name() + ")." + fn.Name(), true
}

// passesParams reports whether a call passes the consumer's named
// parameters, in order and nothing else, to a method of the same
// parameter types: the state function's own.
func (s *stateFuncs) passesParams(call *ast.CallExpr, sig *types.Signature) bool {
	named := s.namedParams()
	csig := s.m.Consumer.Method.Signature()
	if len(call.Args) != len(named) || sig.Params().Len() != len(named) || sig.Variadic() != call.Ellipsis.IsValid() {
		return false
	}
	for i, arg := range call.Args {
		id, ok := ast.Unparen(arg).(*ast.Ident)
		if !ok || s.pass.TypesInfo.Uses[id] != named[i] || !types.Identical(sig.Params().At(i).Type(), named[i].Type()) {
			return false
		}
	}
	return !call.Ellipsis.IsValid() || csig.Variadic() && named[len(named)-1] == csig.Params().At(csig.Params().Len()-1)
}

// namedParams are the consumer's parameters a state function receives.
func (s *stateFuncs) namedParams() []*types.Var {
	var vs []*types.Var
	for v := range s.m.Consumer.Method.Signature().Params().Variables() {
		if v.Name() != "" && v.Name() != "_" {
			vs = append(vs, v)
		}
	}
	return vs
}

// results are a state function's results, with a bool for the flag
// before a last error result, as Go orders them: the consumer's named
// results under their names, unless they are threaded (as parameters of
// the same names).
func (s *stateFuncs) results(sig signature, withNames bool) []string {
	ownNames := withNames && s.named() && !s.thread
	decl := func(i int) string {
		if ownNames {
			return sig.named[i] + " " + sig.results[i]
		}
		return sig.results[i]
	}
	var results []string
	for i, n := range sig.named {
		if s.tail || s.flag || n != "" && n != "_" {
			results = append(results, decl(i))
		}
	}
	if s.flag {
		flag := "bool"
		if ownNames {
			flag = s.flagName() + " bool"
		}
		results = withFlag(sig, results, flag)
	}
	return results
}

// flagName names the flag among a state function's named results.
func (s *stateFuncs) flagName() string {
	if s.doneName == "" {
		s.doneName = s.localName("done", "returned")
	}
	return s.doneName
}

// withFlag inserts flag into vals, one per result of sig: before the
// last when it is an error, else at the end.
func withFlag(sig signature, vals []string, flag string) []string {
	i := len(vals)
	if sig.errorLast {
		i--
	}
	return slices.Insert(slices.Clone(vals), i, flag)
}

// params are a state function's parameters: the receiver, the consumer's
// named parameters and its threaded named results; as types only when
// named is false (a function type in a table).
func (s *stateFuncs) params(sig signature, named bool) []string {
	params := append([]string{sig.recv}, sig.params...)
	if !named {
		params = append([]string{sig.recvType}, sig.types...)
	}
	for i, n := range sig.named {
		if s.thread && n != "" && n != "_" {
			if named {
				params = append(params, n+" "+sig.results[i])
			} else {
				params = append(params, sig.results[i])
			}
		}
	}
	return params
}

// funcType is a state function's signature after "func", as code in the
// file sig was written for names its types.
func (s *stateFuncs) funcType(sig signature, named bool) string {
	t := "(" + strings.Join(s.params(sig, named), ", ") + ")"
	switch results := s.results(sig, named); {
	case len(results) == 0:
	case len(results) == 1 && !(named && s.named() && !s.thread):
		t += " " + results[0]
	default:
		t += " (" + strings.Join(results, ", ") + ")"
	}
	return t
}

// decl writes the declaration of a state function with its doc comment.
func (s *stateFuncs) decl(b *strings.Builder, name, doc, body string) {
	if body = strings.TrimLeft(body, " \t\r\n"); strings.TrimSpace(body) != "" {
		body = "\n" + body + "\n"
	}
	fmt.Fprintf(b, "\n\n// %s %s\nfunc %s%s {%s}", name, doc, name, s.funcType(s.sig, true), body)
}

// caseDoc says which clause a state function runs.
func (s *stateFuncs) caseDoc(c *Case) string {
	return fmt.Sprintf("runs the %q clause of %s.", s.caseText(c)+":", s.consumerName())
}

// consumerName names the consumer method in a doc comment: the former
// one, when the rewrite removes it.
func (s *stateFuncs) consumerName() string {
	if s.dropConsumer {
		return "the former " + typesx.MethodName(s.m.Consumer.Method)
	}
	return typesx.MethodName(s.m.Consumer.Method)
}

// caseText describes a clause as its source does.
func (s *stateFuncs) caseText(c *Case) string {
	if c.IsDefault() {
		return "default"
	}
	return strings.TrimSpace(s.textRange(c.Clause.Case, c.Clause.Colon))
}

// unhandledBody is the body of the function of the states no clause
// handles: the code after the switch when it moved there, else what a
// case that ends without returning returns.
func (s *stateFuncs) unhandledBody() (string, error) {
	if len(s.trailing) == 0 {
		return s.fallOff(), nil
	}
	var returns []*ast.ReturnStmt
	for _, st := range s.trailing {
		ast.Inspect(st, func(n ast.Node) bool {
			if r, ok := n.(*ast.ReturnStmt); ok {
				returns = append(returns, r)
			}
			_, isLit := n.(*ast.FuncLit)
			return !isLit
		})
	}
	body, err := s.rewriteRange(s.trailing[0].Pos(), s.end, s.bodyEdits(returns, nil))
	if err != nil {
		return "", fmt.Errorf("moving the code after the switch: %w", err)
	}
	return body, nil
}

// fallOff is what a state function returns when its case ends without
// returning from the method: the method goes on after the switch.
func (s *stateFuncs) fallOff() string {
	switch {
	case s.tail:
		return ""
	case s.flag:
		return "return " + strings.Join(withFlag(s.sig, s.currentResults(), "false"), ", ")
	}
	if vars := s.outVars(); len(vars) > 0 {
		return "return " + strings.Join(vars, ", ")
	}
	return ""
}

// caseBody returns the statements of a case rewritten for a function of
// their own: its returns say that the method returns, its breaks out of
// the switch fall off, as its end does.
func (s *stateFuncs) caseBody(c *Case) (string, error) {
	if len(c.Clause.Body) == 0 {
		return s.fallOff(), nil
	}
	edits := s.bodyEdits(c.Returns, c.Breaks)
	body := c.Clause.Body
	if last, ok := body[len(body)-1].(*ast.ReturnStmt); ok && len(s.results(s.sig, false)) == 0 {
		// A function with no results ends there anyway (staticcheck's
		// S1023): the return goes, with the line it stood on.
		from := last.Pos()
		if len(body) > 1 {
			from = body[len(body)-2].End()
		}
		edits = append(edits, analysis.TextEdit{Pos: from, End: last.End()})
	}
	text, err := s.rewriteRange(c.Clause.Colon+1, c.Clause.End(), edits)
	if err != nil {
		return "", fmt.Errorf("rewriting %q: %w", s.caseText(c), err)
	}
	if fall := s.fallOff(); fall != "" && !c.Terminates {
		text += "\n" + fall
	}
	return text, nil
}

// bodyEdits rewrite the returns and breaks of code that moves into a
// state function, and the transitions in it.
func (s *stateFuncs) bodyEdits(returns []*ast.ReturnStmt, breaks []*ast.BranchStmt) []analysis.TextEdit {
	edits := slices.Clone(s.inner)
	for _, r := range returns {
		if text, ok := s.returnText(r); ok {
			edits = append(edits, analysis.TextEdit{Pos: r.Pos(), End: r.End(), NewText: []byte(text)})
		}
	}
	for _, br := range breaks {
		edits = append(edits, analysis.TextEdit{Pos: br.Pos(), End: br.End(), NewText: []byte(s.breakText())})
	}
	return edits
}

// returnText returns the new text of a return in a case, and false to
// keep it as it is.
func (s *stateFuncs) returnText(ret *ast.ReturnStmt) (string, bool) {
	var vals []string
	switch {
	case len(ret.Results) == len(s.sig.results):
		if !s.flag {
			return "", false
		}
		for _, r := range ret.Results {
			vals = append(vals, s.text(r))
		}
	case len(ret.Results) > 0: // return f(), f returning the method's results
		if !s.flag {
			return "", false
		}
		return s.spreadReturn(ret), true
	case len(s.sig.results) > 0:
		vals = s.currentResults() // a bare return of named results
	case !s.flag:
		return "", false
	}
	if s.flag {
		vals = withFlag(s.sig, vals, "true")
	}
	return "return " + strings.Join(vals, ", "), true
}

// spreadReturn rewrites return f(), f returning the method's results, in
// a function that adds the flag to them: the results go through locals.
func (s *stateFuncs) spreadReturn(ret *ast.ReturnStmt) string {
	var vars []string
	scope := make(map[string]bool) // the return's own: another function's locals do not matter
	for i := range s.sig.results {
		vars = append(vars, s.pick(scope, func(string) bool { return false }, []string{fmt.Sprintf("r%d", i)}))
	}
	return fmt.Sprintf("%s := %s\nreturn %s", strings.Join(vars, ", "), s.text(ret.Results[0]),
		strings.Join(withFlag(s.sig, vars, "true"), ", "))
}

// breakText is what a break out of the consumer switch becomes.
func (s *stateFuncs) breakText() string {
	if fall := s.fallOff(); fall != "" {
		return fall
	}
	return "return"
}

// run is the statement that calls a state function, call being the call:
// it returns from the method with its results, or goes on after the
// switch, having stored the named results threaded through it.
func (s *stateFuncs) run(call string) string {
	switch vars := s.outVars(); {
	case s.tail && len(s.sig.results) == 0:
		return call
	case s.tail:
		return "return " + call
	case s.flag:
		return s.flaggedCall(call)
	case len(vars) > 0:
		return strings.Join(vars, ", ") + " = " + call
	}
	return call
}

// flaggedCall runs a state function whose flag says whether the case
// returned from the method; otherwise the method goes on after the
// switch.
func (s *stateFuncs) flaggedCall(call string) string {
	done := s.flagName()
	switch {
	case s.named():
		// The state function returns the named results.
		vars := withFlag(s.sig, s.resultVars(), done)
		return fmt.Sprintf("var %s bool\nif %s = %s; %s {\nreturn\n}", done, strings.Join(vars, ", "), call, done)
	case len(s.sig.results) == 0:
		return fmt.Sprintf("if %s {\nreturn\n}", call)
	}
	var vars []string
	for i := range s.sig.results {
		base := fmt.Sprintf("r%d", i)
		if i == len(s.sig.results)-1 && s.sig.errorLast {
			vars = append(vars, s.localName("err", base))
		} else {
			vars = append(vars, s.localName(base))
		}
	}
	return fmt.Sprintf("if %s := %s; %s {\nreturn %s\n}", strings.Join(withFlag(s.sig, vars, done), ", "), call, done, strings.Join(vars, ", "))
}
