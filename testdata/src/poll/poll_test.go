package poll

import (
	"testing"

	"pollextra"
)

// The test variant of poll imports pollextra, which implements Task; the
// findings in poll.go must read the same in both variants.
func TestBlockOn(t *testing.T) {
	BlockOn(new(pollextra.Spinner), new(Context))
}
