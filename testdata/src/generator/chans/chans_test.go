// The leak test runs in a synctest bubble, which needs the timer channels
// of Go 1.23 (a GOPATH build defaults to the old ones).

//go:debug asynctimerchan=0

package chans

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestFields(t *testing.T) {
	if got := firstLong("a bb ccc dddd", 2); got != "ccc" {
		t.Errorf("firstLong = %q, want ccc", got)
	}
	if got := firstLong("a bb", 5); got != "" {
		t.Errorf("firstLong = %q, want none", got)
	}
	if got, want := firstTwo(" x  y\tz "), []string{"x", "y"}; !slices.Equal(got, want) {
		t.Errorf("firstTwo: %q, want %q", got, want)
	}
	if got, want := firstTwo(" x "), []string{"x"}; !slices.Equal(got, want) {
		t.Errorf("firstTwo: %q, want %q", got, want)
	}
}

func TestCells(t *testing.T) {
	grid := [][]int{{1, 0, 2}, {0, 3}, {4, -1, 5}, {6}}
	if got := sumCells(grid, 100); got != 10 {
		t.Errorf("sumCells to the first negative = %d, want 10", got)
	}
	if got := sumCells(grid, 2); got != 3 {
		t.Errorf("sumCells past 2 = %d, want 3", got)
	}
	if got := sumCells(nil, 100); got != 0 {
		t.Errorf("sumCells(nil) = %d, want 0", got)
	}
}

func TestValues(t *testing.T) {
	if got := collect([]float64{1.5, 2.5}); !slices.Equal(got, []float64{1.5, 2.5}) {
		t.Errorf("collect = %v", got)
	}
	if n, last := count([]string{"a", "b", "c"}); n != 3 || last != "c" {
		t.Errorf("count = %d, %q, want 3, c", n, last)
	}
	if n, last := count(nil); n != 0 || last != "" {
		t.Errorf("count(nil) = %d, %q, want 0, empty", n, last)
	}
}

func TestChecked(t *testing.T) {
	if got := totalLen([]string{"ab", "cde"}); got != 5 {
		t.Errorf("totalLen = %d, want 5", got)
	}
}

func TestTree(t *testing.T) {
	var root *tree
	for _, v := range []int{5, 3, 8, 1, 4, 9} {
		root = root.insert(v)
	}
	if got := root.sorted(); !slices.Equal(got, []int{1, 3, 4, 5, 8, 9}) {
		t.Errorf("sorted = %v", got)
	}
	if got := (*tree)(nil).sorted(); got != nil {
		t.Errorf("sorted of nil = %v", got)
	}
}

func TestRepeat(t *testing.T) {
	for _, c := range []struct{ n, limit, want int }{{9, 7, 12}, {9, 6, 5}, {9, 5, 8}, {9, 2, 0}, {1, 5, 0}, {9, 0, 0}} {
		if got := pick(c.n, c.limit); got != c.want {
			t.Errorf("pick(%d, %d) = %d, want %d", c.n, c.limit, got, c.want)
		}
	}
	if got := sumEvens(7); got != 12 {
		t.Errorf("sumEvens(7) = %d, want 12", got)
	}
	if got := joined("ab", 3); got != "ababab" {
		t.Errorf("joined = %q", got)
	}
}

func TestPairs(t *testing.T) {
	w, n := mostCommon(strings.Fields("b a c a b a"))
	if w != "a" || n != 3 {
		t.Errorf("mostCommon = %q, %d, want a, 3", w, n)
	}
	if w, n := mostCommon(nil); w != "" || n != 0 {
		t.Errorf("mostCommon(nil) = %q, %d", w, n)
	}
	if got := frequent(strings.Fields("b a c a b a")); !slices.Equal(got, []tally{{"a", 3}, {"b", 2}}) {
		t.Errorf("frequent = %v, want a 3 times, b twice", got)
	}
	if got := allSpans([]int{1, 2, 3, 7, 9, 10}); !slices.Equal(got, []span{{1, 3}, {7, 7}, {9, 10}}) {
		t.Errorf("allSpans = %v", got)
	}
}

// TestFixedNoLeak: a loop that leaves early leaves no goroutine behind.
// Before the fix the generator's goroutine stays blocked on its send,
// and the bubble fails as deadlocked.
func TestFixedNoLeak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if got := firstTwo("a b c d"); len(got) != 2 {
			t.Errorf("firstTwo = %q", got)
		}
		if got := firstLong("a bb ccc dddd", 1); got != "bb" {
			t.Errorf("firstLong = %q", got)
		}
	})
}

// TestFixedPanicReachesLoop: a panic in the generator reaches the loop,
// where a deferred recover catches it. Before the fix it is a panic in
// another goroutine, which ends the test binary.
func TestFixedPanicReachesLoop(t *testing.T) {
	before := runtime.NumGoroutine()
	defer func() {
		if r := recover(); r != "checked: an empty string" {
			t.Errorf("recovered %v, want checked's panic", r)
		}
		if after := runtime.NumGoroutine(); after > before {
			t.Errorf("%d goroutines after, %d before", after, before)
		}
	}()
	for range checked([]string{"a", "", "b"}) {
	}
	t.Error("the loop ended without a panic")
}

func TestMore(t *testing.T) {
	s := &stack[string]{items: []string{"a", "b", "c"}}
	if got := top(s, 2); !slices.Equal(got, []string{"c", "b"}) {
		t.Errorf("top = %v", got)
	}
	if got := smallest([]int{3, 1, 2}); got != 1 {
		t.Errorf("smallest = %d", got)
	}
	if got := smallest(nil); got != -1 {
		t.Errorf("smallest(nil) = %d", got)
	}
	if got := joinedTape(&tape{cells: []string{"x", "y"}}); got != "xy" {
		t.Errorf("joinedTape = %q", got)
	}
	if z, n, err := digitStats([]int{109, 90}); z != 2 || n != 2 || err != "" {
		t.Errorf("digitStats = %d, %d, %q", z, n, err)
	}
	if got := lastDigit(123); got != 3 {
		t.Errorf("lastDigit = %d", got)
	}
	if !hasSeven(170) || hasSeven(12) {
		t.Error("hasSeven")
	}
}

func TestMorePairs(t *testing.T) {
	if got := entryKeys(map[string]int{"b": 1, "a": 2}); got != "ab" {
		t.Errorf("entryKeys = %q", got)
	}
	if got := trace(3); got != 0+1+4 {
		t.Errorf("trace = %d", got)
	}
	if got := (point{1, 2}).String(); got != "1,2" {
		t.Errorf("String = %q", got)
	}
	if at, what := last([]string{"a", "b"}); at != time.Second || what != "b" {
		t.Errorf("last = %v, %q", at, what)
	}
}

// TestWordsLeave: a test's loop that leaves early, which the finding of
// a generator in a non-test file does not name (the package without its
// tests would describe it otherwise).
func TestWordsLeave(t *testing.T) {
	for w := range fields("a b") {
		if w == "a" {
			break
		}
	}
}

func TestFar(t *testing.T) {
	if got := countTicks(4); got != 0+1+2+3 {
		t.Errorf("countTicks = %d", got)
	}
	if got := drainSource(&source{words: []string{"a", "b"}}); got != 2 {
		t.Errorf("drainSource = %d", got)
	}
	if got := (stamped{at: time.Second}).seconds(); got != 1 {
		t.Errorf("seconds = %v", got)
	}
}

func TestSized(t *testing.T) {
	if up, down := sums(5, 3); up != 10 || down != 12 {
		t.Errorf("sums(5, 3) = %d, %d; want 10, 12", up, down)
	}
}
