package gctune

import (
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	for _, tt := range []struct {
		live, headroom uint64
		want           int
	}{
		{0, 64 * mb, 1000},
		{1 * mb, 64 * mb, 1000},
		{11 * mb, 64 * mb, 581},
		{64 * mb, 64 * mb, 100},
		{741 * mb, 64 * mb, 100},
	} {
		if got := Percent(tt.live, tt.headroom); got != tt.want {
			t.Errorf("Percent(%d MB, %d MB) = %d, want %d", tt.live/mb, tt.headroom/mb, got, tt.want)
		}
	}
}

func TestStartStop(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	t.Setenv("GOGC", "")
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	stop := Start(1 << 40) // a headroom no test heap fills: the most
	// The percentage is set at the first tick; wait for it, however
	// loaded the machine.
	got := 0
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(period) {
		if got = gcPercent(); got == 1000 {
			break
		}
	}
	stop()
	stop() // twice is harmless
	if got != 1000 {
		t.Errorf("GC percent while tuned: %d, want 1000", got)
	}
	if after := gcPercent(); after != 100 {
		t.Errorf("GC percent after stop: %d, want the 100 it was", after)
	}
}

func TestStartRespectsGOGC(t *testing.T) {
	t.Setenv("GOGC", "50")
	old := debug.SetGCPercent(50)
	defer debug.SetGCPercent(old)
	stop := Start(1 << 40)
	defer stop()
	time.Sleep(2 * period)
	if got := gcPercent(); got != 50 {
		t.Errorf("GC percent with GOGC=50 set: %d, want 50", got)
	}
}

// gcPercent reads the GC percentage without setting it.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}
