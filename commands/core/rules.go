package core

import (
	"sort"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// Rule is one row of the permission table: the lowest role that may use a
// command or button action, the chats it may be used in, the one function
// of its capability that decides access to the object it names (Scope
// names it; Check, when set, runs it in the guard before the handler), and,
// for a button verb, its own handler (else its family's).
type Rule struct {
	Min   storage.Role
	Chats chats
	Scope Scope
	Check func(*Req) (bool, error)
	Run   Handler
}

// The roles a rule starts at. anyRole is everyone, registered or not.
const (
	AnyRole   = storage.RoleResident
	LeaderUp  = storage.RoleLeader
	StaffUp   = storage.RoleStaff
	AdminOnly = storage.RoleAdmin
)

// chats is a set of kinds of chat.
type chats uint8

// The kinds of chat an update comes from.
const (
	inPrivate  chats = 1 << iota // the person's private chat with the bot
	InLinked                     // a group staff linked to a building or the community
	inUnlinked                   // any other group
)

const (
	PrivateOnly = inPrivate
	AnyChat     = inPrivate | InLinked | inUnlinked
)

// Scope names the one function of a capability that decides whether the
// caller may act on the ticket, job, shift, household, team, … that a
// command's arguments or a button's data name (the comment names its
// file). Where a row sets Rule.Check, the guard runs that function before
// the handler; the handler asks it again on every use, since data can be
// forged. ScopeNone: the action names nothing of anyone else's; ScopeOwn:
// only the caller's own conversation, membership, sign-up or data.
type Scope string

const (
	ScopeNone            Scope = ""
	ScopeOwn             Scope = "own"
	ScopeGrant           Scope = "setRole"            // people/grant.go
	ScopeBuilding        Scope = "mayLedger"          // ledger/list.go
	ScopeTicketView      Scope = "accessTo"           // tickets/access.go
	ScopeTicketWork      Scope = "mayClaim"           // tickets/work.go
	ScopeTicketManage    Scope = "mayManage"          // tickets/work.go
	ScopeTicketReporter  Scope = "reporter"           // the ticket's reporter only
	ScopeTicketFollow    Scope = "mayFollow"          // tickets/access.go
	ScopeAnnounce        Scope = "mayAnnounce"        // announce/rows.go, and the audience
	ScopeRecipient       Scope = "recipient"          // a recipient of the announcement
	ScopeTeam            Scope = "mayManageTeam"      // teams/view.go
	ScopeJoin            Scope = "joinTeam"           // teams/join.go
	ScopeHours           Scope = "maySeeHours"        // teams/hours.go
	ScopeOrganise        Scope = "mayOrganise"        // jobs/perm.go
	ScopeJob             Scope = "maySeeJob"          // jobs/perm.go
	ScopeManageJob       Scope = "mayManageJob"       // jobs/perm.go
	ScopeNoShows         Scope = "mayClearNoShows"    // jobs/perm.go
	ScopePatrol          Scope = "mayManagePatrol"    // patrol/core.go
	ScopeTakeShift       Scope = "mayTakeShift"       // patrol/core.go
	ScopeShift           Scope = "isOnShift"          // patrol/core.go
	ScopeRoster          Scope = "mayViewRoster"      // patrol/core.go
	ScopeHousehold       Scope = "mayReadHousehold"   // care/access.go
	ScopeVisit           Scope = "mayMarkVisit"       // care/visited.go
	ScopeStars           Scope = "mayRunStars"        // stars/round.go
	ScopeTakePart        Scope = "mayTakePart"        // stars/round.go
	ScopePledge          Scope = "mayPledge"          // pledge/cmd.go
	ScopeManagePledges   Scope = "mayManagePledges"   // pledge/cmd.go
	ScopeRatePledge      Scope = "mayRatePledge"      // pledge/cmd.go
	ScopeSchedule        Scope = "mayManageSchedule"  // calendar/manage.go
	ScopeManageMeeting   Scope = "mayManageMeeting"   // calendar/meeting.go
	ScopeViewMeeting     Scope = "mayViewMeeting"     // calendar/minutes.go
	ScopeInvited         Scope = "invitedTo"          // calendar/rsvp.go
	ScopeMediate         Scope = "mayMediate"         // mediation/access.go
	ScopeDispute         Scope = "mayReadDispute"     // mediation/access.go
	ScopeMoveToMediation Scope = "mayMoveToMediation" // mediation/access.go
	ScopeCase            Scope = "mayReadCase"        // services/access.go
	ScopeBlock           Scope = "mayBlock"           // privacy/block.go
	ScopeAudit           Scope = "mayReadAudit"       // privacy/audit.go
	ScopeProposals       Scope = "mayViewProposals"   // proposals/access.go
	ScopeSupport         Scope = "supportRefusal"     // proposals/access.go
	ScopeManageProposal  Scope = "mayManageProposal"  // proposals/access.go
	ScopeAskPoll         Scope = "askable"            // polls/access.go
	ScopeVote            Scope = "voteRefusal"        // polls/access.go
)

// Verbs are a button family's rules by verb.
type Verbs map[string]Rule

// Buttons is a family of buttons sharing a data prefix and a router.
type Buttons struct {
	Prefix  string
	Run     Handler
	Refuse  string // catalog key when the role is refused
	Private string // catalog key when the chat is refused
	Cmd     string // the command named in refuse's text ("%s"), if any
	Verbs   Verbs
}

// ButtonVerb is the first field of data after prefix.
func ButtonVerb(prefix, data string) string {
	verb, _, _ := strings.Cut(strings.TrimPrefix(data, prefix), ":")
	return verb
}

// RuleFor is the row of a button family for data; false when it has none.
func (b Buttons) RuleFor(data string) (Rule, bool) {
	if ru, ok := b.Verbs[ButtonVerb(b.Prefix, data)]; ok {
		return ru, true
	}
	ru, ok := b.Verbs["*"]
	return ru, ok
}

// chatKind is the kind of chat r came from.
func (r *Req) chatKind() (chats, error) {
	if r.Private() {
		return inPrivate, nil
	}
	c, err := r.ChatRow()
	if IsNotFound(err) {
		return inUnlinked, nil
	}
	if err != nil {
		return 0, err
	}
	if c.Linked() {
		return InLinked, nil
	}
	return inUnlinked, nil
}

// Guard refuses a command to someone whose role is too low, and moves it
// out of a chat its rule does not allow with a deep link.
func (a *Core) Guard(c Command) Handler {
	run := c.Run
	return func(r *Req) error {
		if !r.AtLeast(c.Rule.Min) {
			if c.Rule.Min.Rank() >= storage.RoleStaff.Rank() && r.Private() {
				// A new administrator learns here the id the config needs
				// (in private only: a group need not see it).
				return r.Reply(r.T("error.forbidden_id", "/"+c.Name, r.Me.ID, r.Me.ID), nil)
			}
			return r.Reply(r.T("error.forbidden", "/"+c.Name), nil)
		}
		kind, err := r.chatKind()
		if err != nil {
			return err
		}
		if c.Rule.Chats&kind == 0 {
			return r.Reply(r.T("group.go_private"), a.LinkKeyboard(r, groupLinkPayload(r, c.Name)))
		}
		if c.Rule.Check != nil {
			ok, err := c.Rule.Check(r)
			if err != nil {
				return err
			}
			if !ok {
				return r.Reply(r.T("error.forbidden", "/"+c.Name), nil)
			}
		}
		return run(r)
	}
}

// buttonGuard checks a button press against its row before the router
// runs: an action without a row, a role too low or a chat not allowed is
// refused with a toast and changes nothing.
func (a *Core) buttonGuard(b Buttons) Handler {
	return func(r *Req) error {
		ru, ok := b.RuleFor(r.CB.Data)
		if !ok {
			a.Log.Warn("button action without a permission row", "data", r.CB.Data)
			return r.Toast(r.T("error.stale_button"))
		}
		if !r.AtLeast(ru.Min) {
			return r.Toast(b.refusal(r, b.Refuse, "error.forbidden_button"))
		}
		kind, err := r.chatKind()
		if err != nil {
			return err
		}
		if ru.Chats&kind == 0 {
			return r.Toast(b.refusal(r, b.Private, "error.private_button"))
		}
		if ru.Check != nil {
			ok, err := ru.Check(r)
			if err != nil {
				return err
			}
			if !ok {
				return r.Toast(b.refusal(r, b.Refuse, "error.forbidden_button"))
			}
		}
		if ru.Run != nil {
			return ru.Run(r)
		}
		return b.Run(r)
	}
}

// refusal is the toast for a press the table refuses: key, or def.
func (b Buttons) refusal(r *Req, key, def string) string {
	if b.Cmd != "" && key != "" {
		return StripTags(r.T(key, b.Cmd))
	}
	return StripTags(r.T(OrKey(key, def)))
}

// OrKey is key, or def when key is empty.
func OrKey(key, def string) string {
	if key == "" {
		return def
	}
	return key
}

// LinkKeyboard is one button that opens the private chat with payload.
func (a *Core) LinkKeyboard(r *Req, payload string) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T("group.open_private"), URL: a.DeepLink(payload)}}}}
}

// Permission is one row of the permission table as others read it (the
// end-to-end test runs every row).
type Permission struct {
	Action    string // "/report", or a button's prefix and verb: "tk:claim", "lang:*"
	Min       storage.Role
	Chats     []string // of "private", "linked", "unlinked"
	Scope     string   // the function deciding access to the object named, "" none, "own"
	Refuse    string   // a button's refusal for the role: the toast's catalog key
	Private   string   // a button's refusal for the chat: the toast's catalog key
	RefuseArg string   // the argument of both keys, if any
}

// Allows reports whether the table lets role use the action in chat.
func (p Permission) Allows(role storage.Role, chat string) bool {
	if role.Rank() < p.Min.Rank() {
		return false
	}
	for _, c := range p.Chats {
		if c == chat {
			return true
		}
	}
	return false
}

// Permissions lists the permission table: every command, then every
// button action, in table order.
func (a *Core) Permissions() []Permission {
	names := func(c chats) []string {
		var out []string
		for _, k := range []struct {
			c chats
			n string
		}{{inPrivate, "private"}, {InLinked, "linked"}, {inUnlinked, "unlinked"}} {
			if c&k.c != 0 {
				out = append(out, k.n)
			}
		}
		return out
	}
	var out []Permission
	for _, c := range a.commands {
		out = append(out, Permission{Action: "/" + c.Name, Min: c.Rule.Min, Chats: names(c.Rule.Chats), Scope: string(c.Rule.Scope)})
	}
	for _, b := range a.buttons {
		vs := make([]string, 0, len(b.Verbs))
		for v := range b.Verbs {
			vs = append(vs, v)
		}
		sort.Strings(vs)
		for _, v := range vs {
			ru := b.Verbs[v]
			out = append(out, Permission{Action: b.Prefix + v, Min: ru.Min, Chats: names(ru.Chats), Scope: string(ru.Scope),
				Refuse: OrKey(b.Refuse, "error.forbidden_button"), Private: OrKey(b.Private, "error.private_button"), RefuseArg: b.Cmd})
		}
	}
	return out
}

// Command is one slash command.
type Command struct {
	Name string
	Rule Rule
	Menu listing // who finds it in the command menu and /help
	Run  Handler
}

// listing is who finds a command in the command menu and /help: listed,
// everyone its rule lets in; or from a role up (its rule lets in others,
// whom its scope's function checks).
type listing storage.Role

const Listed listing = "*"

// Public lists a command for everyone, newcomers who have not registered
// yet too: the newcomer's menu is only these (start, help, language and the
// lists anyone may read); the rest appear once they register.
const Public listing = "public"

// ListedFrom lists a command only from role up.
func ListedFrom(role storage.Role) listing { return listing(role) }

// groupLinkPayload is the deep link a private-only command sent in a group
// answers with: /ticket 12 keeps its number.
func groupLinkPayload(r *Req, name string) string {
	if name == "ticket" {
		if id, ok := IdArg(r.Args); ok {
			return "t_" + Itoa(id)
		}
	}
	return name
}

// Menu is the command list for setMyCommands: commands usable at role, in
// private or in groups, in lang.
func (a *Core) Menu(role storage.Role, group bool, lang string) []telegram.BotCommand {
	var out []telegram.BotCommand
	for _, c := range a.commands {
		if c.Menu == "" || c.Rule.Min.Rank() > role.Rank() || (group && c.Rule.Chats&InLinked == 0) {
			continue
		}
		if c.Menu != Listed && c.Menu != Public && storage.Role(c.Menu).Rank() > role.Rank() {
			continue
		}
		out = append(out, telegram.BotCommand{Command: c.Name, Description: a.Cat.T(lang, "cmd."+c.Name)})
	}
	return out
}

// NewcomerMenu is the private command list of someone not registered yet,
// in lang: the commands listed as Public.
func (a *Core) NewcomerMenu(lang string) []telegram.BotCommand {
	var out []telegram.BotCommand
	for _, c := range a.commands {
		if c.Menu == Public && c.Rule.Chats&inPrivate != 0 {
			out = append(out, telegram.BotCommand{Command: c.Name, Description: a.Cat.T(lang, "cmd."+c.Name)})
		}
	}
	return out
}

// RunCommand runs the command name as if typed, through its guard (a deep
// link that opens it); false when there is no such command.
func (a *Core) RunCommand(r *Req, name string) (bool, error) {
	for _, c := range a.commands {
		if c.Name == name {
			return true, c.Run(r)
		}
	}
	return false, nil
}

// Commands are the registered command rows, in order.
func (a *Core) Commands() []Command { return a.commands }

// ButtonFamilies are the registered button families, each with every verb
// the capabilities added to it.
func (a *Core) ButtonFamilies() []Buttons { return a.buttons }
