// The word lists of ../shared/bench/gencorpus.py, kept verbatim: they are
// read-only data that give the corpus its size and scripts.

package corpus

// langs are the corpus languages, default first.
var langs = []string{"vi", "en", "km"}

// sections are the content sections pages are spread over.
var sections = []string{"investment", "culture", "tourism", "border-cooperation", "news"}

// sectionTitles are the section names per language.
var sectionTitles = map[string]map[string]string{
	"investment":         {"vi": "Đầu tư", "en": "Investment", "km": "ការវិនិយោគ"},
	"culture":            {"vi": "Văn hóa", "en": "Culture", "km": "វប្បធម៌"},
	"tourism":            {"vi": "Du lịch", "en": "Tourism", "km": "ទេសចរណ៍"},
	"border-cooperation": {"vi": "Hợp tác biên giới", "en": "Border cooperation", "km": "កិច្ចសហប្រតិបត្តិការព្រំដែន"},
	"news":               {"vi": "Tin tức", "en": "News", "km": "ព័ត៌មាន"},
}

// siteTitles are the per-language site titles.
var siteTitles = map[string]string{
	"vi": "Cổng thông tin Hợp tác Việt Nam – Campuchia",
	"en": "Vietnam – Cambodia Cooperation Portal",
	"km": "វិបផតថលកិច្ចសហប្រតិបត្តិការ វៀតណាម – កម្ពុជា",
}

// siteDescs are the per-language site descriptions.
var siteDescs = map[string]string{
	"vi": "Tin tức, đầu tư, văn hóa và du lịch vùng biên giới Việt Nam – Campuchia.",
	"en": "News, investment, culture and tourism along the Vietnam – Cambodia border.",
	"km": "ព័ត៌មាន ការវិនិយោគ វប្បធម៌ និងទេសចរណ៍ តាមបណ្ដោយព្រំដែនវៀតណាម – កម្ពុជា។",
}

// place is a province or city on either side of the border.
type place struct {
	name     map[string]string
	lat, lon float64
}

// places are where pages are about.
var places = []place{
	{map[string]string{"vi": "Tây Ninh", "en": "Tay Ninh", "km": "តៃនិញ"}, 11.31, 106.10},
	{map[string]string{"vi": "An Giang", "en": "An Giang", "km": "អានយ៉ាង"}, 10.52, 105.13},
	{map[string]string{"vi": "Kiên Giang", "en": "Kien Giang", "km": "កៀនយ៉ាង"}, 10.01, 105.08},
	{map[string]string{"vi": "Long An", "en": "Long An", "km": "ឡុងអាន"}, 10.54, 106.41},
	{map[string]string{"vi": "Đồng Tháp", "en": "Dong Thap", "km": "ដុងថាប"}, 10.49, 105.69},
	{map[string]string{"vi": "Bình Phước", "en": "Binh Phuoc", "km": "ប៊ិញភឿក"}, 11.75, 106.72},
	{map[string]string{"vi": "Gia Lai", "en": "Gia Lai", "km": "យ៉ាឡាយ"}, 13.98, 108.00},
	{map[string]string{"vi": "Kon Tum", "en": "Kon Tum", "km": "កុងទុំ"}, 14.35, 108.00},
	{map[string]string{"vi": "Đắk Lắk", "en": "Dak Lak", "km": "ដាក់ឡាក់"}, 12.71, 108.24},
	{map[string]string{"vi": "Đắk Nông", "en": "Dak Nong", "km": "ដាក់នង"}, 12.26, 107.61},
	{map[string]string{"vi": "Phnôm Pênh", "en": "Phnom Penh", "km": "ភ្នំពេញ"}, 11.56, 104.92},
	{map[string]string{"vi": "Xiêm Riệp", "en": "Siem Reap", "km": "សៀមរាប"}, 13.36, 103.86},
	{map[string]string{"vi": "Bát-tam-bang", "en": "Battambang", "km": "បាត់ដំបង"}, 13.10, 103.20},
	{map[string]string{"vi": "Cam-pốt", "en": "Kampot", "km": "កំពត"}, 10.61, 104.18},
	{map[string]string{"vi": "Svay Rieng", "en": "Svay Rieng", "km": "ស្វាយរៀង"}, 11.09, 105.80},
	{map[string]string{"vi": "Ta-keo", "en": "Takeo", "km": "តាកែវ"}, 10.99, 104.78},
	{map[string]string{"vi": "Kan-đan", "en": "Kandal", "km": "កណ្ដាល"}, 11.22, 104.83},
	{map[string]string{"vi": "Kông-pông Chàm", "en": "Kampong Cham", "km": "កំពង់ចាម"}, 12.00, 105.46},
	{map[string]string{"vi": "Ratanakiri", "en": "Ratanakiri", "km": "រតនគិរី"}, 13.74, 107.00},
	{map[string]string{"vi": "Mondulkiri", "en": "Mondulkiri", "km": "មណ្ឌលគិរី"}, 12.45, 107.20},
}

// vocab are the words sentences are drawn from (Khmer words are joined without spaces).
var vocab = map[string][]string{
	"vi": {
		"hợp tác", "đầu tư", "văn hóa", "du lịch", "biên giới", "tin tức", "kinh tế", "thương mại", "phát triển",
		"Việt Nam", "Campuchia", "tỉnh", "thành phố", "người dân", "chính phủ", "bộ", "dự án", "năm", "ngày",
		"tháng", "mới", "lớn", "tốt", "quan trọng", "và", "trong", "của", "đã", "sẽ", "có", "là", "hai", "ba",
		"sông Mê Kông", "chùa", "Angkor Wat", "chợ", "đường", "cầu", "nông nghiệp", "công nghiệp", "giáo dục",
		"y tế", "hữu nghị", "cuộc họp", "hiệp định", "quan hệ", "du khách", "khách sạn", "ẩm thực", "ngôn ngữ",
		"lễ hội", "truyền thống", "nghệ thuật", "âm nhạc", "múa", "doanh nghiệp", "thị trường", "xuất khẩu",
		"nhập khẩu", "đô la", "triệu", "nghìn", "tăng trưởng", "ổn định", "hòa bình", "an ninh", "chính quyền",
		"cửa khẩu", "quốc tế", "khu vực", "làng", "huyện", "rừng", "môi trường", "ngân hàng", "hạ tầng",
		"năng lượng", "điện", "vận tải", "thanh niên", "học sinh", "đại học", "lịch sử", "bảo tồn", "giúp đỡ",
		"thực hiện", "đi", "đến", "tăng cường", "mở rộng", "thúc đẩy", "hỗ trợ", "ký kết", "khánh thành", "thăm",
		"tổ chức", "cả hai", "nhiều", "trên khắp", "nhằm", "cho", "với", "tại", "các", "những", "một", "được",
		"đang", "rất", "hơn", "để", "cùng", "theo", "từ", "về", "khi", "nhưng", "cũng", "đồng thời", "bền vững",
		"hiệu quả", "chất lượng", "nguồn nhân lực", "lao động", "hàng hóa", "nông sản", "gạo", "cao su",
		"hạt điều", "cá", "tôm", "xe buýt", "đường sắt", "cảng", "sân bay", "giao lưu", "hội thảo", "triển lãm",
		"chương trình", "kế hoạch", "chiến lược", "chính sách", "quy định", "thủ tục", "hải quan", "thị thực",
		"cộng đồng", "gia đình", "phụ nữ", "trẻ em", "người cao tuổi", "nông dân", "ngư dân", "thương nhân",
		"nhà đầu tư", "chuyên gia", "lãnh đạo", "đại biểu",
	},
	"en": {
		"cooperation", "investment", "culture", "tourism", "border", "news", "economy", "trade", "development",
		"Vietnam", "Cambodia", "province", "city", "residents", "government", "ministry", "project", "year", "day",
		"month", "new", "large", "good", "important", "and", "in", "of", "has", "will", "have", "is", "two",
		"three", "Mekong River", "pagoda", "Angkor Wat", "market", "road", "bridge", "agriculture", "industry",
		"education", "health", "friendship", "meeting", "agreement", "relations", "visitors", "hotel", "cuisine",
		"language", "festival", "tradition", "art", "music", "dance", "enterprises", "markets", "exports",
		"imports", "dollars", "million", "thousand", "growth", "stable", "peace", "security", "authorities",
		"border gate", "international", "region", "village", "district", "forest", "environment", "bank",
		"infrastructure", "energy", "electricity", "transport", "youth", "students", "university", "history",
		"conservation", "help", "implement", "go", "arrive", "strengthen", "expand", "promote", "support", "sign",
		"inaugurate", "visit", "organise", "both", "many", "across", "aiming", "for", "with", "at", "the", "these",
		"a", "been", "being", "very", "more", "to", "together", "according", "from", "about", "when", "but",
		"also", "meanwhile", "sustainable", "effective", "quality", "human resources", "labour", "goods",
		"farm produce", "rice", "rubber", "cashew nuts", "fish", "shrimp", "bus", "railway", "port", "airport",
		"exchange", "seminar", "exhibition", "programme", "plan", "strategy", "policy", "regulation", "procedure",
		"customs", "visa", "community", "family", "women", "children", "elderly", "farmers", "fishermen",
		"traders", "investors", "experts", "leaders", "delegates",
	},
	"km": {
		"កម្ពុជា", "វៀតណាម", "ការវិនិយោគ", "វប្បធម៌", "ទេសចរណ៍", "ព្រំដែន", "កិច្ចសហប្រតិបត្តិការ", "ព័ត៌មាន",
		"សេដ្ឋកិច្ច", "ពាណិជ្ជកម្ម", "អភិវឌ្ឍន៍", "ប្រទេស", "ខេត្ត", "ទីក្រុង", "ប្រជាជន", "រដ្ឋាភិបាល", "ក្រសួង",
		"គម្រោង", "ឆ្នាំ", "ថ្ងៃ", "ខែ", "ថ្មី", "ធំ", "ល្អ", "សំខាន់", "និង", "ក្នុង", "របស់", "ដែល", "បាន",
		"នឹង", "មាន", "ជា", "ពីរ", "បី", "ទន្លេមេគង្គ", "ប្រាសាទ", "អង្គរវត្ត", "ផ្សារ", "ផ្លូវ", "ស្ពាន",
		"កសិកម្ម", "ឧស្សាហកម្ម", "អប់រំ", "សុខាភិបាល", "មិត្តភាព", "ការប្រជុំ", "កិច្ចព្រមព្រៀង", "ទំនាក់ទំនង",
		"អ្នកទេសចរ", "សណ្ឋាគារ", "អាហារ", "ភាសា", "ពិធីបុណ្យ", "ប្រពៃណី", "សិល្បៈ", "តន្ត្រី", "របាំ", "ក្រុមហ៊ុន",
		"ទីផ្សារ", "ការនាំចេញ", "ការនាំចូល", "ដុល្លារ", "លាន", "ពាន់", "កំណើន", "ស្ថិរភាព", "សន្តិភាព", "សន្តិសុខ",
		"អាជ្ញាធរ", "ច្រកទ្វារ", "អន្តរជាតិ", "តំបន់", "ភូមិ", "ស្រុក", "ព្រៃឈើ", "បរិស្ថាន", "ធនាគារ",
		"ហេដ្ឋារចនាសម្ព័ន្ធ", "ថាមពល", "អគ្គិសនី", "ដឹកជញ្ជូន", "យុវជន", "សិស្ស", "សាកលវិទ្យាល័យ",
		"ប្រវត្តិសាស្ត្រ", "ការអភិរក្ស", "ជួយ", "ធ្វើ", "ទៅ", "មក", "ពង្រឹង", "ពង្រីក", "លើកកម្ពស់", "គាំទ្រ",
		"ចុះហត្ថលេខា", "សម្ពោធ", "ទស្សនា", "រៀបចំ", "ទាំងពីរ", "ច្រើន", "ទូទាំង", "សម្រាប់", "ជាមួយ", "នៅ",
		"ទាំងនេះ", "មួយ", "កំពុង", "ណាស់", "ជាង", "ដើម្បី", "រួមគ្នា", "តាម", "ពី", "អំពី", "នៅពេល", "ប៉ុន្តែ",
		"ផងដែរ", "ស្រូវ", "កៅស៊ូ", "ស្វាយចន្ទី", "ត្រី", "បង្គា", "រថយន្ត", "ផ្លូវដែក", "កំពង់ផែ", "ព្រលានយន្តហោះ",
		"ពិព័រណ៍", "កម្មវិធី", "ផែនការ", "យុទ្ធសាស្ត្រ", "គោលនយោបាយ", "នីតិវិធី", "គយ", "ទិដ្ឋាការ", "សហគមន៍",
		"គ្រួសារ", "ស្ត្រី", "កុមារ", "កសិករ", "អ្នកនេសាទ", "ពាណិជ្ជករ", "វិនិយោគិន", "អ្នកជំនាញ", "ថ្នាក់ដឹកនាំ",
		"គណៈប្រតិភូ",
	},
}

// tagNames are the tags a page draws from.
var tagNames = map[string][]string{
	"vi": {
		"đầu tư", "thương mại", "văn hóa", "du lịch", "biên giới", "giáo dục", "y tế", "nông nghiệp", "hạ tầng",
		"năng lượng", "môi trường", "lễ hội", "ẩm thực", "lịch sử", "hải quan", "cửa khẩu", "giao thông",
		"thanh niên", "hữu nghị", "ngoại giao", "sông Mê Kông", "di sản", "kinh tế số", "logistics", "xuất khẩu",
		"nông sản", "an ninh", "hội thảo", "doanh nghiệp", "công nghiệp", "ngân hàng", "thể thao", "báo chí",
		"nghệ thuật", "tôn giáo", "chùa chiền", "cộng đồng", "khoa học", "công nghệ", "nhân đạo",
	},
	"en": {
		"investment", "trade", "culture", "tourism", "border", "education", "health", "agriculture",
		"infrastructure", "energy", "environment", "festivals", "cuisine", "history", "customs", "border gates",
		"transport", "youth", "friendship", "diplomacy", "Mekong", "heritage", "digital economy", "logistics",
		"exports", "farm produce", "security", "seminars", "business", "industry", "banking", "sport", "media",
		"arts", "religion", "pagodas", "community", "science", "technology", "humanitarian aid",
	},
	"km": {
		"ការវិនិយោគ", "ពាណិជ្ជកម្ម", "វប្បធម៌", "ទេសចរណ៍", "ព្រំដែន", "អប់រំ", "សុខាភិបាល", "កសិកម្ម",
		"ហេដ្ឋារចនាសម្ព័ន្ធ", "ថាមពល", "បរិស្ថាន", "ពិធីបុណ្យ", "ម្ហូបអាហារ", "ប្រវត្តិសាស្ត្រ", "គយ",
		"ច្រកទ្វារព្រំដែន", "ដឹកជញ្ជូន", "យុវជន", "មិត្តភាព", "ការទូត", "មេគង្គ", "បេតិកភណ្ឌ", "សេដ្ឋកិច្ចឌីជីថល",
		"ភស្តុភារ", "ការនាំចេញ", "កសិផល", "សន្តិសុខ", "សិក្ខាសាលា", "អាជីវកម្ម", "ឧស្សាហកម្ម", "ធនាគារ", "កីឡា",
		"សារព័ត៌មាន", "សិល្បៈ", "សាសនា", "វត្តអារាម", "សហគមន៍", "វិទ្យាសាស្ត្រ", "បច្ចេកវិទ្យា", "មនុស្សធម៌",
	},
}

// headings are the H2 titles a body draws from.
var headings = map[string][]string{
	"vi": {
		"Bối cảnh", "Kết quả nổi bật", "Số liệu chính", "Ý kiến chuyên gia", "Kế hoạch sắp tới",
		"Tác động đối với cộng đồng", "Hợp tác song phương", "Thách thức và cơ hội", "Thông tin thêm",
		"Lịch trình", "Những điểm đến đáng chú ý", "Đánh giá",
	},
	"en": {
		"Background", "Key results", "Main figures", "Expert views", "Next steps", "Impact on communities",
		"Bilateral cooperation", "Challenges and opportunities", "Further information", "Schedule",
		"Places worth visiting", "Assessment",
	},
	"km": {
		"សាវតា", "លទ្ធផលសំខាន់ៗ", "តួលេខសំខាន់ៗ", "មតិអ្នកជំនាញ", "ជំហានបន្ទាប់", "ផលប៉ះពាល់លើសហគមន៍",
		"កិច្ចសហប្រតិបត្តិការទ្វេភាគី", "បញ្ហាប្រឈម និងឱកាស", "ព័ត៌មានបន្ថែម", "កាលវិភាគ", "គោលដៅគួរទស្សនា",
		"ការវាយតម្លៃ",
	},
}

// tableHead is the header row of a body's table.
var tableHead = map[string][]string{
	"vi": {
		"Chỉ tiêu", "Năm trước", "Năm nay", "Thay đổi",
	},
	"en": {
		"Indicator", "Last year", "This year", "Change",
	},
	"km": {
		"សូចនាករ", "ឆ្នាំមុន", "ឆ្នាំនេះ", "ការប្រែប្រួល",
	},
}

// quoteAttr attributes a block quote.
var quoteAttr = map[string]string{
	"vi": "đại diện chính quyền địa phương",
	"en": "a local government representative",
	"km": "តំណាងអាជ្ញាធរមូលដ្ឋាន",
}

// footnoteSrc starts every footnote.
var footnoteSrc = map[string]string{
	"vi": "Nguồn: báo cáo của Sở Kế hoạch và Đầu tư tỉnh",
	"en": "Source: report of the provincial Department of Planning and Investment",
	"km": "ប្រភព៖ របាយការណ៍របស់មន្ទីរផែនការ និងវិនិយោគខេត្ត",
}
