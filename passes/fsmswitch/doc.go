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
// Most of them stop only the transition-pointer form, which replaces the
// enum by a function; the table form keeps the enum and every use of it
// (see Fix), so by default such a machine gets the table form instead,
// and the finding's related positions name the first few of what keeps
// the other. What each means, and what to do:
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
//   - "the machine is passed to F, which reads its fields by reflection"
//     (fmt, log, testing's t.Log and t.Error, reflect, the encoders): its
//     state would print, compare and encode as a function.
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
//
// These stop both forms:
//
//   - "the consumer switch uses fallthrough" or "goto": a case cannot become
//     a function on its own.
//   - "a machine made in F lives on its stack": F makes a machine, drives
//     it and drops it, and the compiler keeps it on F's stack. Both forms
//     call a state's function through a function value, which the
//     compiler cannot see into, so the machine would escape to the heap:
//     an allocation per machine, which cost small machines 3 to 20 times
//     their time. "a T made in F and passed to M lives on its stack" is the
//     same for what the consumer M is passed (an executor's context), which
//     the rewrite passes on to the state's function. Keep the machine in a
//     longer-lived structure, or keep the switch. A machine a _test.go
//     file makes does not count: the allocation is the test's. (A
//     benchmark that keeps its machine on its stack then measures that
//     allocation; fsmvet verify shows it in allocs/op.) fsmswitch follows the
//     package's own code (stores, returns, closures, calls of its
//     functions); a value that goes where it cannot follow (code of other
//     packages, a function value, a function that returns what it is
//     passed) is taken to escape already, so a fix may still move a
//     machine the compiler kept on the stack (docs/design.md).
//   - "the struct is generic": a state function of a generic struct needs
//     its type arguments, so its value is a closure, allocated at every
//     transition, and no package-level table can hold it.
//
// The rewrite itself needs more (each is a blocker with its position):
// "the consumer switch has an init statement"; "a case uses X, a local of
// M declared outside it"; "a case continues a loop around the switch";
// "a case branches to label L outside it"; "a case defers a call"; "a case
// tests more than which state the machine is in" (a tagless case such as
// r.state == a && ready); "M has a value receiver". The
// transition-pointer form also needs: "the state type is used outside
// the state field and constants" and "the state constant X is used as a
// value" (they disappear); "the state constants share a const block with
// X"; "the state type's file would need to import P as N, a name it
// already uses" (the function type is declared where the state type was,
// and names the consumer's parameter types; a package it does not import
// yet is imported); with a destructor, "a positional struct literal sets
// the state" and "a transition assigns the field of a computed value".
// The table form needs states that index an array: "the states are
// strings", "the state C is V, not an index of a table of at most 256
// states" (a negative or large constant).
//
// # Fix
//
// A machine with no blocker gets one suggested fix (fsmvet -fix, go fix
// -fixtool, an editor's quick fix), in the first form -fsmswitch.form
// allows that nothing blocks: auto (the default) tries the
// transition-pointer form, then the table form; pointer and table offer
// only theirs. Both make each case a function of its own, a state
// function, taking the receiver and the consumer's parameters, and replace
// the switch by one call of the state's function. A case that only calls
// a method of the struct with those parameters is the method expression
// (*T).m, with no function of its own; a case list is one function; the
// results are the consumer's, with a bool (did the case return?) before
// a last error when code follows the switch; named results the consumer
// has not used before the switch are the state function's own. When every
// case ends the method, the code after the switch (a panic for a corrupt
// state) runs only where no case does, and moves into the function of
// those states; the dispatch then returns the call.
//
// The transition-pointer form: the state type becomes a function type,
// each state constant the function holding its case, and the field holds
// the function to run (as encoding/json's scanner.step does). A nil field
// is the zero value: it maps to the zero state's function (or the clause
// that handled the zero value: a corrupt iota + 1 state still panics as
// the default did).
//
//	// before
//	type pstate uint8
//
//	const (
//		sStart pstate = iota + 1
//		sMethod
//		...
//	)
//
//	func (p *Parser) Parse(data []byte) (int, error) {
//		for i, c := range data {
//			if err := p.step(c); err != nil {
//				return i, err
//			}
//		}
//		return len(data), nil
//	}
//
//	func (p *Parser) step(c byte) error {
//		switch p.state {
//		case sStart:
//			...
//			p.state = sMethod
//			return nil
//		case sMethod:
//			return p.method(c)
//		...
//		}
//		panic("parser in no known state")
//	}
//
//	// after
//	type pstate func(p *Parser, c byte) error
//
//	func (p *Parser) Parse(data []byte) (int, error) {
//		if p.state == nil {
//			p.state = pstateZero // the zero value
//		}
//		for i, c := range data {
//			if err := p.state(p, c); err != nil {
//				return i, err
//			}
//		}
//		return len(data), nil
//	}
//
//	// sStart runs the "case sStart:" clause of the former (*Parser).step.
//	func sStart(p *Parser, c byte) error {
//		...
//		p.state = (*Parser).method
//		return nil
//	}
//
//	// pstateZero is the zero value, which no clause of the former
//	// (*Parser).step handles.
//	// It runs the code that followed the switch.
//	func pstateZero(p *Parser, c byte) error {
//		panic("parser in no known state")
//	}
//
// Transitions keep their text but for states whose function has another
// name (a method expression, a case list's). The dispatch maps nil to the
// zero value and calls the field: in the consumer, which the compiler
// can then inline into its callers; and in each loop of the package that
// drives the machine a step an iteration, which calls the state's
// function itself with the nil check made once before the loop (made at
// every step, that check cost a tenth of the time on the HTTP parser of
// docs/performance.md). A loop is rewritten so when the consumer is
// nothing but the dispatch, the loop does not assign the machine, the
// call's arguments are variables or literals, a statement before the
// loop reads a field of the machine, and no code of the package assigns
// a whole machine (*p = Parser{}); a consumer left with no caller goes.
// Code outside the package that sets a whole machine to its zero value
// from inside one of its steps would then make the next step call nil.
// A clause of a state no transition reaches is dead code and gets no
// function. With a destructor switch (Close, Stop, ...), the enum stays
// as a tag beside a new function field: Close keeps its switch over the
// tag, and every transition, Close's among them, sets both (c.st, c.stFn
// = connClosed, connClosedFn).
//
// The table form: the enum, its constants, its transitions and every other
// use of it stay; only the consumer switch becomes a call through a table
// of state functions indexed by the state. Nothing is stored but the byte
// the enum was (no write barrier), and its zero value indexes the table
// like any other:
//
//	// after, with -fsmswitch.form=table
//	func (p *Parser) step(c byte) error {
//		return pstateFns[p.state](p, c)
//	}
//
//	// pstateFns holds the function (*Parser).step runs in each pstate, indexed by it.
//	var pstateFns = [...]func(*Parser, byte) error{
//		0:       pstateNoCase,
//		sStart:  sStartFn,
//		sMethod: (*Parser).method,
//		...
//	}
//
// The table holds every value from zero to the largest state's: a value
// no constant names runs what the switch ran for it (the default, the
// clause naming it, or no case). When the field may hold a larger value
// (a computed write, its address taken), the index is bounded to one more
// slot that runs that too (pstateFns[min(p.state, 24)]). When it cannot
// (every write is a state constant), the index is not bounded: a larger
// value, which only unsafe code or a data race could store, panics with
// "index out of range" where the switch ran its default. When a state
// function reaches the consumer (a state that reconsumes its byte through
// p.step), init fills the table: a variable's initializer cannot. The
// consumer stays, and the compiler inlines it where it is small enough.
//
// The fix claims no speed-up: a small switch is as fast as an indirect
// call, and go build -pgo often gains more (see docs/performance.md and
// docs/design.md for the rules and the measurements).
package fsmswitch
