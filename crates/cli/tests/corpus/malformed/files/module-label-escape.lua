local m = mw.loadData('Module:Middle East conflicts map marks') return {
 marks = {
 { lat = 34.5, long = 38.3, mark = m.gov, label = 'Pal[31mmyra' },
 },
}
