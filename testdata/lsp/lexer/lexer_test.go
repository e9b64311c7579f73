package lexer

import "testing"

func TestWords(t *testing.T) {
	for in, want := range map[string]int{"one": 1, "two words": 2, "a b c": 3} {
		if got := Words(in); got != want {
			t.Errorf("Words(%q) = %d, want %d", in, got, want)
		}
	}
}
