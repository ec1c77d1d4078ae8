package announce

import (
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// announcements lists recent announcements with their delivery and who has
// read them; /announcements <id> shows one in full.
func (a *Announce) announcements(r *core.Req) error {
	by := int64(0)
	if !r.AtLeast(storage.RoleStaff) {
		by = r.Me.ID
	}
	if arg := strings.TrimSpace(r.Args); arg != "" {
		id, ok := core.IdArg(arg)
		if !ok {
			return r.Reply(r.T("ann.list_usage"), nil)
		}
		ann, err := r.Tx.Announcement(id)
		if core.IsNotFound(err) || (err == nil && (ann.State != "sent" || (by != 0 && ann.SenderID != by))) {
			return r.Reply(r.T("ann.not_found", id), nil)
		}
		if err != nil {
			return err
		}
		return a.announcementReport(r, ann, true)
	}
	list, err := r.Tx.RecentAnnouncements(by, 5)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return r.Reply(r.T("ann.none"), nil)
	}
	for i, ann := range list {
		if err := a.announcementReport(r, ann, i == 0); err != nil {
			return err
		}
	}
	return nil
}

func (a *Announce) announcementReport(r *core.Req, ann storage.Announcement, full bool) error {
	counts, err := r.Tx.RefCounts("ann:" + core.Itoa(ann.ID))
	if err != nil {
		return err
	}
	acks, err := r.Tx.Acks(ann.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", r.T("ann.report_head", ann.ID, a.WhenIn(r.Lang, ann.SentAt), a.DescribeAudience(r, ann.Audience, ann.Buildings, ann.TeamID)))
	fmt.Fprintf(&b, "“%s”\n", core.Quote(ann.Text, 80))
	fmt.Fprintf(&b, "%s\n", r.T("ann.report_counts", ann.Recipients, counts[storage.OutSent], counts[storage.OutPending],
		counts[storage.OutFailed], counts[storage.OutBlocked], len(acks)))
	if full {
		if len(acks) > 0 {
			names := make([]string, 0, min(len(acks), 20))
			for _, id := range acks[:min(len(acks), 20)] {
				names = append(names, core.Esc(a.NameOf(r, id)))
			}
			more := ""
			if len(acks) > 20 {
				more = r.T("ann.and_more", len(acks)-20)
			}
			fmt.Fprintf(&b, "%s\n", r.T("ann.read_by", a.ListJoin(r.Lang, names), more))
		}
		missing, total, err := r.Tx.NotAcknowledged(ann.ID, 20)
		if err != nil {
			return err
		}
		if total > 0 {
			names := make([]string, 0, len(missing))
			for _, m := range missing {
				names = append(names, core.Esc(m.Name))
			}
			more := ""
			if total > len(missing) {
				more = r.T("ann.and_more", total-len(missing))
			}
			fmt.Fprintf(&b, "%s\n", r.T("ann.not_read_by", a.ListJoin(r.Lang, names), more))
		}
	}
	return r.Reply(strings.TrimSpace(b.String()), nil)
}
