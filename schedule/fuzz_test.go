package schedule

import (
	"testing"
	"time"
)

// FuzzParseSpec: any text either fails with a *SpecError or gives a
// schedule that fires again after any moment, in any time zone.
func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{
		"30 19 1,15 * *", "0 20 * * 1-5", "0 8 * * 0,6", "@daily", "@weekly", "@monthly", "@yearly", "@hourly",
		"@every 1h", "0 0 29 2 *", "0 0 30 2 *", "*/15 * * * *", "0 9 ? * MON", "60 * * * *", "", "a b c d e",
		"0 0 31 4,6,9,11 *", "0-59/7 1-23/5 1-31/3 1-12/2 0-6", "TZ=UTC 0 0 * * *", "@reboot",
	} {
		f.Add(s, int64(0))
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, spec string, hours int64) {
		s, err := ParseSpec(spec)
		if err != nil {
			if _, ok := err.(*SpecError); !ok {
				t.Fatalf("%q: error %T %v", spec, err, err)
			}
			return
		}
		after := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(hours%(24*365*20)) * time.Hour)
		for _, loc := range []*time.Location{time.UTC, berlin} {
			next := Next(s, loc, after)
			if next.IsZero() || !next.After(after) {
				t.Fatalf("%q in %v: next after %v is %v", spec, loc, after, next)
			}
		}
	})
}
