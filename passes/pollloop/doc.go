// Package pollloop defines an analyzer that finds interface-dispatched poll
// loops and says what they dispatch to.
//
// # Analyzer pollloop
//
// pollloop: find loops that poll a task through an interface method
//
// A loop that polls a task through an interface pays an interface call on
// every step, and when the task is a switch-dispatched state machine, a
// switch too: the Go form of a polled Box<dyn Future>. pollloop finds two
// shapes:
//
//	func BlockOn(t Task, cx *Context) { for !t.Poll(cx) {} } // polls one task until it is done
//
//	func Run(tasks []Task, cx *Context) { // an executor
//		for len(tasks) > 0 {
//			next := tasks[:0]
//			for _, t := range tasks {
//				if !t.Poll(cx) {
//					next = append(next, t)
//				}
//			}
//			tasks = next
//		}
//	}
//
// Precisely, an interface method call (or a method call on a type
// parameter) inside a loop is a poll when its arguments do not change from
// one iteration to the next and its result decides either
//
//   - the loop's exit, while the receiver stays the same (BlockOn; a loop
//     over a struct field, for !e.task.Poll(cx) {}, counts); or
//   - whether the receiver is queued again: appended, stored or sent back
//     where it was taken from, on the branch the result decides (an
//     executor).
//
// The finding stands at the call. It names the interface and method, then
// the implementations the call may reach: the types of this package,
// those exported by the packages it imports, and any other type its code
// holds a value of ('visible': what every driver, go vet's export data
// included, knows of), or, with 'fsmvet whole
// ./...', those a call graph of the whole program links it to
// ('possible'). A type in another package is placed at the start of its
// line, all go vet knows of its position. It counts how many
// are state machines that switch on their state every step (as fsmswitch
// defines them: two dispatches per step, the interface call and the
// switch), how many already call their next step through a function field
// (the transition-pointer form fsmswitch's fix produces: one dispatch), and
// how many are neither. It lists up to five, machines first, with each
// machine's field, number of states and whether fsmswitch offers a fix,
// and says how many more there are; the related positions point at the
// five. Two packages that share a name are told apart by import path.
//
// # Reported by default
//
// A poll loop is reported only when one of its implementations is a
// switch-dispatched state machine that fsmswitch offers to rewrite (no
// blocker), declared in the loop's own module, and the method the loop
// calls runs one step of it (the method holding the switch, or one that
// calls it outside any loop): every iteration then pays an interface call
// and a switch. That is a finding with something to do, apply the fix and
// measure. A Read loop over a reader that runs many steps per call (as
// compress/gzip reads its inflater) pays the interface call once per many
// steps, and is not reported. A loop whose machines are
// all blocked, or already in transition-pointer form, or in a dependency
// (another project's to rewrite: fasthttp's Read loops may reach
// klauspost/compress's inflater), or that reaches no state machine at all
// (an io.Reader drained until EOF, a Next iterator) has nothing to act on,
// and a check that fails a build must not report it. With -profile, only
// loops with at least -hot of the CPU are reported.
//
// -pollloop.all reports every poll loop, whatever it reaches: to see where
// a program pays an interface call per step, or to find the loops behind a
// hot spot in a CPU profile.
//
// # Not reported, even with -pollloop.all
//
//   - An interface call before the loop, or whose result is ignored.
//   - A call of a function value in the loop (for fn != nil { fn = fn(l) }):
//     that is already the transition-pointer form.
//   - A call whose arguments change each iteration (data.Less(j, j-1) in a
//     sort): the loop computes, it does not poll.
//   - A loop that replaces the value it calls (for !t.Poll(cx) { t = next }):
//     it walks a chain.
//   - A counted or range loop, or one that stops after a number of tries,
//     that the call only cuts short (for range 3 { if t.Poll(cx) { return } }):
//     the count ends it. Other exits leave a poll a poll
//     (for !t.Poll(cx) { if ctx.Err() != nil { return } }).
//   - A call whose result only decides whether to fail: a branch that
//     panics, or calls a function that cannot return (t.Fatal, log.Fatal),
//     ends the goroutine, not the loop.
//
// How hot a loop is, and so whether it is worth anything, is decided from a
// CPU profile by 'fsmvet report', not here.
package pollloop
