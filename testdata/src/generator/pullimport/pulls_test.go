package pullimport

import "testing"

func TestPulls(t *testing.T) {
	if got := sum([]int{1, 2, 3}); got != 6 {
		t.Errorf("sum = %d", got)
	}
	if got := product([]int{2, 3}); got != 6 {
		t.Errorf("product = %d", got)
	}
	if got := total([]int{1}); got != 3 {
		t.Errorf("total = %d, want 1 + 0 + 2", got)
	}
}
