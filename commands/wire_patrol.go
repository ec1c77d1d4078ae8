package commands

import (
	"courtyard/commands/core"
	"courtyard/commands/patrol"
	"courtyard/commands/tickets"
)

// AskReportName takes a problem found on a patrol into the report
// conversation at its name question, like any report.
func (a *App) AskReportName(r *core.Req, d patrol.Report) error {
	return a.tickets.AskName(r, tickets.ReportData{Kind: d.Kind, Category: d.Category, Building: d.Building, Text: d.Text,
		Photos: d.Photos, Lat: d.Lat, Lon: d.Lon, Urgent: d.Urgent})
}
