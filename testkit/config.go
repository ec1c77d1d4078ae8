package testkit

import (
	"path/filepath"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/config"
)

// AdminID is the administrator Config names.
const AdminID = 1000

// Config is a valid config for the fake Bot API at apiURL, with a database
// in a temp dir, AdminID as its administrator and send limits too high to
// slow a test.
func Config(t testing.TB, apiURL string) config.Config {
	t.Helper()
	cfg := config.Config{
		Telegram:  config.Telegram{Token: telegramtest.Token, APIURL: apiURL, PollTimeout: 2 * time.Second},
		Database:  config.Database{Path: filepath.Join(t.TempDir(), "courtyard.db")},
		Admins:    []int64{AdminID},
		Community: config.Community{Name: "南门社区", Timezone: "Asia/Shanghai", Language: "zh", Buildings: []string{"1", "2", "3", "E12"}},
	}
	cfg.Telegram.Limits = config.SendLimits{GlobalPerSecond: 1000, PerChatPerSecond: 1000, PerGroupPerMinute: 60000}
	// Quiet hours are off unless a test turns them on: most tests follow a
	// message through the night on the clock and look for it at once.
	cfg.Notify.QuietHours = "off"
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}
