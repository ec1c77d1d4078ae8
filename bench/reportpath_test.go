package bench

import (
	"fmt"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
)

// BenchmarkReportPath drains the black-box comparison's loads (private
// /report from 1,000 registered people; one-liners over 12 linked groups)
// through the whole bot in-process, b.N updates queued before it starts,
// so that the ticket path can be profiled:
//
//	go test -run '^$' -bench ReportPath -benchtime 3000x -cpuprofile cpu.out ./bench/
func BenchmarkReportPath(b *testing.B) {
	fixture := b.TempDir() + "/fixture.db"
	compareFixture(b, fixture)
	for _, load := range compareLoads {
		b.Run(load.name, func(b *testing.B) {
			b.StopTimer()
			tg := telegramtest.New(b)
			people := make([]models.User, comparePeople)
			for k := range people {
				people[k] = tg.User(comparePersonID(k), fmt.Sprintf("住户%d", k), "zh")
			}
			groups := make([]models.Chat, compareGroups)
			for i := range groups {
				groups[i] = tg.Group(compareGroupID(i), fmt.Sprintf("%d号楼", i+1))
			}
			cfg := targetConfig(b, tg.URL(), compareGroups)
			cfg.Admins = []int64{targetAdmin}
			cfg.Database.Path = compareCopy(b, fixture, b.TempDir())
			load.queue(tg, people, groups, b.N)
			b.ResetTimer()
			pipeDrain(b, tg, func() func() { return targetRunBot(b, cfg) }, b.N, b.N)
		})
	}
}
