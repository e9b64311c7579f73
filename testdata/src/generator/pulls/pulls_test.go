package pulls

import (
	"slices"
	"testing"
)

func TestSum(t *testing.T) {
	if got := sum([]int{1, 2, 3}); got != 6 {
		t.Errorf("sum = %d", got)
	}
	if got := sum(nil); got != 0 {
		t.Errorf("sum(nil) = %d", got)
	}
}

func TestFirstNegative(t *testing.T) {
	for _, c := range []struct {
		xs   []int
		want int
	}{{nil, -1}, {[]int{1, 2}, -1}, {[]int{1, -2, -3}, 1}, {[]int{-1}, 0}} {
		if got := firstNegative(c.xs); got != c.want {
			t.Errorf("firstNegative(%v) = %d, want %d", c.xs, got, c.want)
		}
	}
}

func TestKeys(t *testing.T) {
	if got := keys(map[string]int{"b": 1, "a": 2}); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("keys = %v", got)
	}
}

func TestCountUntil(t *testing.T) {
	for _, c := range []struct {
		xs   []string
		end  string
		want int
	}{
		{[]string{"a", "b", "end", "c"}, "end", 2},
		{[]string{"a", "b"}, "end", -1},
		{[]string{"a", "", "end"}, "end", -1},
		{[]string{"end"}, "end", 0},
	} {
		if got := countUntil(c.xs, c.end); got != c.want {
			t.Errorf("countUntil(%q, %q) = %d, want %d", c.xs, c.end, got, c.want)
		}
	}
}

func TestNonEmpty(t *testing.T) {
	if got := nonEmpty(slices.Values([]string{"a", "b"})); got != 2 {
		t.Errorf("nonEmpty = %d", got)
	}
}

func TestSquares(t *testing.T) {
	if got := squares(4); got != 0+1+4+9 {
		t.Errorf("squares = %d", got)
	}
}

func TestOdds(t *testing.T) {
	if got := odds([]string{"a", "b", "c", "d"}); !slices.Equal(got, []string{"b", "d"}) {
		t.Errorf("odds = %v", got)
	}
}

func TestSums(t *testing.T) {
	if got, want := sums([][]int{{1, 2}, nil, {3}}), []int{3, 0, 3}; !slices.Equal(got, want) {
		t.Errorf("sums = %v, want %v", got, want)
	}
}
