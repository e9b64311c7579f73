// Package fsmswitch defines an analyzer that finds closed state machines:
// enum-like state fields consumed by a single switch.
//
// # Analyzer fsmswitch
//
// fsmswitch: find closed enum state machines consumed by a single switch
//
// A state machine whose state is an enum field and whose step method
// switches on it pays for a discriminant test on every step, on top of the
// interface call when it is driven through an interface (for !t.Poll(cx) {}).
// The transition-pointer form, where the state is the function to run next
// (encoding/json's scanner.step, text/template/parse's stateFn), pays one
// indirect call and no switch. fsmswitch finds the machines that could take
// that form, and says what stands in the way when one cannot.
//
// A closed state machine — closed because no other package can reach its
// state, so a rewrite inside the package is safe — is:
//
//   - a state type: a defined integer or string type that no package
//     outside the module can name (unexported, or in an internal or main
//     package), with two or more constants of the type in its package;
//   - a state field: the one struct field of that type;
//   - transitions: writes of the type's constants to the field (r.state = c,
//     T{state: c}, and the zero value of T{}, new(T), var t T), at least one
//     of them in a method of the struct;
//   - one consumer: a switch over the field of the receiver in a method of
//     the struct, tagged (switch r.state) or tagless
//     (switch { case r.state == c: ... }).
//
// For example:
//
//	type readState uint8
//
//	const (
//		readHeader readState = iota
//		readBody
//		readDone
//	)
//
//	type frameReader struct{ state readState }
//
//	func (r *frameReader) Poll(cx *Context) bool {
//		switch r.state { // state machine frameReader.state (readState, 3 states) is dispatched by this switch in (*frameReader).Poll; fix: ...
//		case readHeader:
//			r.state = readBody
//			return false
//		...
//		}
//	}
//
// The diagnostic stands at the consumer switch and names the field, the
// type, the number of states and the consumer method, then either the fix
// or the first three things that block it ("and N more"). Its related
// positions are the type, every destructor switch and every blocker. The
// full list of transitions is in 'fsmvet report'.
//
// # Reported by default
//
// A finding that fails a CI build must be one its reader can act on, so by
// default fsmswitch reports only the machines it offers a fix for. With
// -fsmswitch.blocked it also reports the machines whose rewrite is blocked,
// with what blocks each. With -profile, only machines whose consumer has at
// least -hot of the CPU (1% by default) are reported. Every machine, reported
// or not, is exported as a fact, so that pollloop can say what a poll loop
// reaches.
//
// A package with tests is analysed with them, as go vet does (fsmvet and
// go vet -vettool analyse p [p.test], not p): a test that reads the field
// blocks the rewrite. A driver that analyses both variants (x/tools'
// multichecker, gopls) also sees p alone, which cannot see the tests and
// offers the fix; only the variant with the tests is right.
//
// A switch over the field in a method named Close, Stop, Release, Cancel or
// Abort is a destructor, not a second consumer: it releases what each state
// holds, and the rewrite keeps it. The names are set with
// -fsmswitch.destructors=Close,Stop.
//
// # Not reported
//
//   - State kept in a local variable and driven by a loop and a switch in one
//     function: that is already the fastest form (no call, a jump table).
//   - State that is already a function value (step func(*T), type stateFn
//     func(*lexer) stateFn): already the transition-pointer form.
//   - Enums used as data: a type held by two fields, a field never written
//     by a method of its struct (a mode set once), a switch over another
//     value's field (opcodes read from a slice).
//   - Types or fields other packages can name and switch on.
//   - Machines whose consumer is in a generated file: change the generator.
//     (Files of a package that imports "C" are analysed as cgo rewrote
//     them; their machines are reported at the original lines, with the
//     blocker that fsmvet cannot edit them.)
//
// A machine has one finding, at its first consumer switch; a second switch
// is never reported on its own (it is a blocker of the first).
//
// # Blockers
//
// A machine that is closed but unsafe to rewrite is reported (with
// -fsmswitch.blocked) with "no fix:" and each reason with its file:line.
// What each means, and what to do:
//
//   - "a second switch on the field in M": two methods decide on the state;
//     merge them, or make the second a destructor.
//   - "another function switches on the field": code outside the struct's
//     methods reads the state; move it into a method.
//   - "the field is compared outside the consumer switch", "passed to F",
//     "converted to T", "stored or returned", "copied into a variable", "read
//     outside the consumer switch": the state is used as a value; a function
//     value cannot stand in for it. Replace the use by a method or a bool
//     field.
//   - "assigned a computed value", "incremented or decremented": the next
//     state is computed (r.state++), not named; a rewrite cannot tell which
//     function to store.
//   - "the field's address is taken", "accessed atomically": the state is
//     shared through a pointer.
//   - "the state type has a String method" (or any method): the method would
//     be lost with the type.
//   - Any of these at a _test.go file: the package's tests use the state;
//     they would stop compiling. Drive the machine through its methods in
//     tests.
//   - "the state type T is exported", "the field f is exported", "the state
//     constant C is exported": in an internal package, the module's other
//     packages can use them; an exported constant any package can. Unexport
//     them.
//   - "the consumer switch uses fallthrough" or "goto": a case cannot become
//     a function on its own.
//
// The rewrite itself needs more (each is a blocker with its position):
// "the consumer switch has an init statement"; "a case uses X, a local of
// M declared outside it"; "a case continues a loop around the switch";
// "a case branches to label L outside it"; "a case defers a call"; "a case
// tests more than which state the machine is in" (a tagless case such as
// r.state == a && ready); "the state type is used outside the state field
// and constants" and "the state constant X is used as a value" (they
// disappear); "the state constants share a const block with X"; "M has a
// value receiver"; "M names its receiver's type parameters differently";
// "the state type's file would need to import P as N, a name it already
// uses" (the function type is declared where the state type was, and
// names the consumer's parameter types; a package it does not import yet
// is imported); with a destructor, "a positional struct literal sets the
// state" and "a transition assigns the field of a computed value".
//
// # Fix
//
// A machine with no blocker gets one suggested fix (fsmvet -fix, go fix
// -fixtool, an editor's quick fix) that rewrites it to transition-pointer
// form: the state type becomes a function type, each state constant the
// function holding its case, and the switch one call:
//
//	type readState func(r *frameReader, cx *Context) bool
//
//	func (r *frameReader) Poll(cx *Context) bool {
//		step := r.state
//		if step == nil {
//			step = readHeader // the zero value
//		}
//		return step(r, cx)
//	}
//
//	// readHeader runs the "case readHeader:" clause of (*frameReader).Poll.
//	func readHeader(r *frameReader, cx *Context) bool {
//		r.state = readBody
//		return false
//	}
//
// Transitions keep their text. With a destructor switch, the enum stays as
// a tag beside a new function field: Close keeps its switch over the tag,
// and every transition, Close's among them, sets both
// (c.st, c.stFn = connClosed, connClosedFn).
// The fix claims no speed-up: a small switch is as fast as an indirect
// call, and go build -pgo often gains more (see docs/performance.md and
// docs/design.md for the rules and the measurements).
package fsmswitch
