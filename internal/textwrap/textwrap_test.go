package textwrap

import (
	"strings"
	"testing"
)

func TestShort(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"abcdef", 6, "abcdef"},
		{"abcdefg", 6, "…cdefg"},
		{"", 3, ""},
	} {
		if got := Short(c.s, c.n); got != c.want {
			t.Errorf("short(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

// TestWrap checks that a line may fill Width columns but not one more,
// that continuation lines are indented two more, and that a word longer
// than a line stands alone rather than being cut.
func TestWrap(t *testing.T) {
	x95 := strings.Repeat("x", 95)
	for _, c := range []struct{ text, want string }{
		{x95 + " y", "   " + x95 + " y\n"},         // 100 columns
		{x95 + " yy", "   " + x95 + "\n     yy\n"}, // 101: yy wraps
		{"a  b\tc", "   a b c\n"},                  // any space is one
		{strings.Repeat("z", 120), "   " + strings.Repeat("z", 120) + "\n"},
		{"", "   \n"},
	} {
		if got := Wrap(c.text, "   "); got != c.want {
			t.Errorf("wrap(%q) =\n%q, want\n%q", c.text, got, c.want)
		}
	}
}
