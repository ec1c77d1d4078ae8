package commands

import (
	"fmt"
	"strings"

	"courtyard/storage"
)

// announcements lists recent announcements with their delivery and who has
// read them; /announcements <id> shows one in full.
func (a *App) announcements(r *req) error {
	by := int64(0)
	if !r.atLeast(storage.RoleStaff) {
		by = r.me.ID
	}
	if arg := strings.TrimSpace(r.args); arg != "" {
		id, ok := idArg(arg)
		if !ok {
			return r.reply(r.t("ann.list_usage"), nil)
		}
		ann, err := r.tx.Announcement(id)
		if isNotFound(err) || (err == nil && (ann.State != "sent" || (by != 0 && ann.SenderID != by))) {
			return r.reply(r.t("ann.not_found", id), nil)
		}
		if err != nil {
			return err
		}
		return a.announcementReport(r, ann, true)
	}
	list, err := r.tx.RecentAnnouncements(by, 5)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return r.reply(r.t("ann.none"), nil)
	}
	for i, ann := range list {
		if err := a.announcementReport(r, ann, i == 0); err != nil {
			return err
		}
	}
	return nil
}

func (a *App) announcementReport(r *req, ann storage.Announcement, full bool) error {
	counts, err := r.tx.RefCounts("ann:" + itoa(ann.ID))
	if err != nil {
		return err
	}
	acks, err := r.tx.Acks(ann.ID)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", r.t("ann.report_head", ann.ID, a.when(ann.SentAt), a.describeAudience(r, ann.Audience, ann.Buildings, ann.TeamID)))
	fmt.Fprintf(&b, "“%s”\n", quote(ann.Text, 80))
	fmt.Fprintf(&b, "%s\n", r.t("ann.report_counts", ann.Recipients, counts[storage.OutSent], counts[storage.OutPending],
		counts[storage.OutFailed], counts[storage.OutBlocked], len(acks)))
	if full {
		if len(acks) > 0 {
			names := make([]string, 0, min(len(acks), 20))
			for _, id := range acks[:min(len(acks), 20)] {
				names = append(names, esc(a.nameOf(r, id)))
			}
			more := ""
			if len(acks) > 20 {
				more = r.t("ann.and_more", len(acks)-20)
			}
			fmt.Fprintf(&b, "%s\n", r.t("ann.read_by", a.listJoin(r.lang, names), more))
		}
		missing, total, err := r.tx.NotAcknowledged(ann.ID, 20)
		if err != nil {
			return err
		}
		if total > 0 {
			names := make([]string, 0, len(missing))
			for _, m := range missing {
				names = append(names, esc(m.Name))
			}
			more := ""
			if total > len(missing) {
				more = r.t("ann.and_more", total-len(missing))
			}
			fmt.Fprintf(&b, "%s\n", r.t("ann.not_read_by", a.listJoin(r.lang, names), more))
		}
	}
	return r.reply(strings.TrimSpace(b.String()), nil)
}
