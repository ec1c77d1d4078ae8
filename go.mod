module courtyard

go 1.26.0

require (
	github.com/go-telegram/bot v1.19.0
	github.com/mattn/go-sqlite3 v1.14.53
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/time v0.16.0
)

require github.com/robfig/cron/v3 v3.0.1

require github.com/6tail/lunar-go v1.4.7
