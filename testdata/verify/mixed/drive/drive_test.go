package drive_test

import (
	"testing"

	"example.com/mixed/count"
	"example.com/mixed/drive"
)

func TestDriveCounter(t *testing.T) {
	if n := drive.Drive(new(count.Counter)); n != 6 {
		t.Fatalf("a counter took %d steps, want 6", n)
	}
}

// BenchmarkDriveCounter drives a counter on the heap: the fix's counter
// escapes no further there.
func BenchmarkDriveCounter(b *testing.B) {
	for b.Loop() {
		drive.Drive(new(count.Counter))
	}
}
