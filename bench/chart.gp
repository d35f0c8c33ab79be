# Requests/s per target, one panel per body size. Run by bench/run.sh:
#   gnuplot -e "dat='bench/out/chart.dat'; png='bench/out/results.png'; sizes='1k 64k 1m'" bench/chart.gp
# sizes names the panels, one per block of dat, in order.
if (!exists("dat")) dat = "bench/out/chart.dat"
if (!exists("png")) png = "bench/out/results.png"
if (!exists("sizes")) sizes = "1k 64k 1m"
panels = words(sizes)
label(size) = (size eq "1k") ? "1 KiB body" : ((size eq "64k") ? "64 KiB body" : "1 MiB body")
set terminal pngcairo size 500 * panels,560 font "sans,10"
set output png
set multiplot layout 1,panels title "Sluice vs peers — requests/s on 127.0.0.1 (2 cores, higher is better)"
set style fill solid 0.85 border -1
set boxwidth 0.7
set xtics rotate by -40 nomirror
set ytics nomirror
set grid ytics
set yrange [0:*]
set format y "%.0f"
set lmargin 10
set bmargin 9
unset key
set palette defined (1 "#1b6ca8", 2 "#6aa6d6", 3 "#2a9d8f", 4 "#e76f51", 5 "#f4a261", 6 "#8d99ae", 7 "#6c757d", 8 "#343a40")
set cbrange [1:8]
unset colorbox
do for [i=0:panels - 1] {
	set title label(word(sizes, i + 1))
	set ylabel (i == 0 ? "requests/s" : "")
	plot dat index i using 0:2:(0.7):3:xtic(1) with boxes lc palette, \
	     "" index i using 0:2:(sprintf("%.0f", $2)) with labels offset 0,0.7 font ",8"
}
unset multiplot
