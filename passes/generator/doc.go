// Package generator defines an analyzer that finds generators a
// range-over-func iterator can replace: a goroutine feeding a channel
// that its callers range over, and an iter.Pull loop.
//
// # Analyzer generator
//
// generator: find channel generators and iter.Pull loops that an iterator can replace
//
// A goroutine that sends values over a channel for a loop to receive pays
// a goroutine switch per value (about 250 ns on the machines
// docs/dispatch-costs.md measures), and iter.Pull pays a coroutine switch
// per value (about 75 ns). A range-over-func iterator pays a function
// call. The iterator also stops when the loop does: a loop that leaves
// a range over a channel early leaves its goroutine blocked on its next
// send forever.
//
// # Channel generators
//
// A channel generator is a function that makes a channel, starts one
// goroutine whose only use of the channel is to send on it and close it
// when done, and returns the channel; every use of the function in the
// package is a call that a for ... range ranges over:
//
//	func words(s string) <-chan string { // channel generator words: ...; fix: return an iter.Seq[string] ...
//		ch := make(chan string)
//		go func() {
//			defer close(ch)
//			for _, w := range strings.Fields(s) {
//				ch <- w
//			}
//		}()
//		return ch
//	}
//
//	for w := range words(text) {
//		if w == "stop" {
//			break // today this leaves the goroutine blocked forever
//		}
//		n++
//	}
//
// The fix makes the function return an iterator whose body is the
// goroutine's: each send yields, and returns when the loop has stopped
// (from any depth of nested loops: it returns from the iterator); the
// channel, the goroutine and the close go away. The loops stay as
// written, as ranging over a function reads like ranging over a channel:
//
//	func words(s string) iter.Seq[string] {
//		return func(yield func(string) bool) {
//			for _, w := range strings.Fields(s) {
//				if !yield(w) {
//					return
//				}
//			}
//		}
//	}
//
// A generator of a struct of two fields, every send a literal of it
// (ch <- pair{k, v}) and every loop using its variable only to select
// the fields, becomes an iter.Seq2 instead: the loops range over the two
// values (for p := range f() becomes for k, v := range f(), p.k
// becomes k), and the struct type goes when nothing else uses it. A
// generic generator stays generic (iter.Seq[T]). The iter import is
// added when the file lacks it.
//
// The close may be deferred before any send, or be the goroutine's last
// statement when nothing in it returns. A panic in the goroutine, which
// crashed the program, now reaches the loop's goroutine, where a
// deferred recover can catch it. The finding names the loops that can
// leave early (break, return, goto, a continue of an outer loop, panic):
// each is a goroutine leak today that the rewrite ends. With a buffered
// channel the goroutine runs ahead of the loop, which the iterator does
// not; the finding says to benchmark.
//
// # No fix: why
//
// A generator whose rewrite would change what the program does is
// reported without a fix, with each reason and where it is (with
// -generator.all, below):
//
//   - the function is exported (in a package other than main, or a
//     method): callers in other packages would break. Add an iterator
//     function beside it for them to move to.
//   - an unexported method, when an interface of the package has a method
//     of that name, which the type may implement;
//   - a caller does something else with the channel (ch := f(); <-ch,
//     select, len, passing it on), or the function is used as a value;
//   - the goroutine may exist to run beside the loop: it selects, uses
//     another channel, starts a goroutine, calls into sync, sync/atomic
//     or context, sleeps (time.Sleep), calls into os, net or syscall (or
//     a package under them), calls the Read by which a type implements
//     io.Reader, or hands an io.Reader (an interface with its method) or
//     a value of os or net to a call (bufio.NewScanner(r)); the function
//     itself is held to the same calls. Running it inside the loop would
//     end that overlap: the rewrite changes concurrency. These are judged
//     by the callee's package and by method sets, not by names; a
//     reader wrapped before the generator sees it (a *bufio.Scanner made
//     by the caller) is not seen.
//   - the goroutine defers a call other than the close (it would run
//     when the loop stops, in the loop's goroutine, and a recover there
//     would catch the loop's panics); sends from a function literal (a
//     return there cannot stop the walk that calls it); sends in the
//     header of a for, if or switch statement (its init or post
//     statement); never closes the channel, closes it twice, or
//     anywhere the rewrite cannot remove it; returns before a close that
//     is not deferred; or its function takes arguments;
//   - the file's Go version is below 1.23, or the name iter means
//     something else where the signature would use it.
//
// # iter.Pull loops
//
// A loop that calls next until the sequence ends, where nothing else
// calls next, ranges over the sequence the long way:
//
//	next, stop := iter.Pull(seq) // iter.Pull loop: ...; fix: for v := range seq {
//	defer stop()
//	for {
//		v, ok := next()
//		if !ok {
//			break
//		}
//		total += v
//	}
//
// (or for v, ok := next(); ok; v, ok = next() { ... }, and iter.Pull2
// with k, v, ok). The fix:
//
//	for v := range seq {
//		total += v
//	}
//
// break, continue and return in the body keep their meaning. stop must
// be deferred, or called right after the loop and before each return in
// it (those calls go too); the statements between the pull and the loop
// may neither call a function nor name what seq names, since seq is then
// evaluated at the loop. After a break the sequence now finishes at the
// break rather than when stop runs. Pulling two sequences in step (a
// zip), or calling next anywhere else, is what iter.Pull is for: not
// reported.
//
// # Reported by default
//
// A finding that fails a build must name something to do, so by default
// generator reports the channel generators and iter.Pull loops it offers
// a fix for. -generator.all adds the channel generators it refuses to
// rewrite, with why: an exported one is still worth an iterator beside
// it, and a goroutine that overlaps I/O with the loop may be worth
// keeping, which only its author can judge.
//
// With -profile, a finding gives its share of the CPU: cum, the samples
// in the generator, its goroutine and the lines of its loops (the line
// calling next, for a Pull loop); flat, those in that code itself; and
// the hand-offs, what the runtime's channel and coroutine machinery
// (runtime.chansend1, chanrecv2, gopark, coroswitch and what they call)
// costs under them, which is what the rewrite can save. Only findings
// with at least -hot of the CPU are reported. A Pull loop's coroutine
// switch runs where no sample names the loop; it is shared out among
// the Pull loops by their samples in next. A goroutine's parking on the
// system stack is not counted: a channel generator's hand-off share is a
// lower bound.
//
// # Not reported
//
//   - A goroutine started by a named function (go produce(ch)), or a
//     function that uses the channel itself besides making and returning
//     it; a named or multiple result.
//   - Generators in generated files, and in cgo's copies of a package's
//     files.
package generator
