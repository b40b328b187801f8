"""Test corpora: realistic Vietnamese school text, and correct Unicode in other languages."""

from __future__ import annotations

import random

VI_SENTENCES: tuple[str, ...] = (
    "Trường THCS Nguyễn Du thông báo lịch học kỳ II năm học 2024–2025 cho các lớp.",
    "Kế hoạch tổ chức kỳ thi tuyển sinh vào lớp 10 được ban hành theo quyết định của Sở Giáo dục và Đào tạo.",
    "Học sinh có mặt tại trường lúc 7 giờ sáng, mặc đồng phục và mang theo thẻ học sinh.",
    "Phụ huynh vui lòng theo dõi thời khóa biểu mới trên cổng thông tin của nhà trường.",
    "Ban giám hiệu chúc mừng các em đạt giải trong kỳ thi học sinh giỏi cấp tỉnh.",
    "Đoàn trường phát động phong trào thi đua chào mừng ngày Nhà giáo Việt Nam 20 tháng 11.",
    "Lớp 9A tổ chức buổi ngoại khóa tìm hiểu lịch sử địa phương vào chiều thứ Bảy.",
    "Thư viện mở cửa từ thứ Hai đến thứ Sáu, các em nhớ trả sách đúng hạn.",
    "Giáo viên chủ nhiệm họp phụ huynh để trao đổi về kết quả học tập giữa học kỳ.",
    "Nhà trường đề nghị các gia đình quan tâm nhắc nhở con em giữ gìn sức khỏe trong mùa mưa.",
    "Cuộc thi viết chữ đẹp dành cho học sinh tiểu học sẽ diễn ra vào tuần sau.",
    "Thầy hiệu trưởng phát biểu khai mạc hội nghị cán bộ, viên chức đầu năm học.",
    "Tổ Toán – Tin tổ chức chuyên đề đổi mới phương pháp dạy học theo chương trình mới.",
    "Các em học sinh lớp 12 ôn tập nghiêm túc để chuẩn bị cho kỳ thi tốt nghiệp.",
    "Hội khỏe Phù Đổng cấp huyện có nhiều nội dung thi đấu như điền kinh, bóng đá, cầu lông.",
    "Chi đội lớp 7B được tuyên dương vì thành tích xuất sắc trong phong trào kế hoạch nhỏ.",
    "Buổi lễ chào cờ đầu tuần có phần sinh hoạt dưới cờ về chủ đề an toàn giao thông.",
    "Nhà trường tiếp nhận hồ sơ xin học của học sinh chuyển đến trong tháng Tám.",
    "Danh sách học sinh được khen thưởng cuối năm được niêm yết tại bảng tin.",
    "Chúng tôi trân trọng kính mời quý phụ huynh đến dự lễ khai giảng năm học mới.",
    "Ngày hội đọc sách thu hút đông đảo học sinh và giáo viên tham gia.",
    "Em Nguyễn Thị Hoa lớp 8C đạt giải nhất cuộc thi kể chuyện theo sách.",
    "Phòng thí nghiệm vật lý vừa được trang bị thêm nhiều thiết bị hiện đại.",
    "Mọi thắc mắc xin liên hệ văn phòng nhà trường trong giờ hành chính.",
    "Học sinh nghỉ học phải có giấy xin phép của cha mẹ hoặc người giám hộ.",
    "Tuần lễ học tập suốt đời được tổ chức với nhiều hoạt động bổ ích.",
    "Câu lạc bộ tiếng Anh sinh hoạt vào chiều thứ Tư hằng tuần tại phòng đa năng.",
    "Bảo hiểm y tế học sinh là bắt buộc theo quy định của pháp luật.",
    "Kết quả thi học kỳ I sẽ được công bố trên hệ thống quản lý trường học.",
    "Cô giáo hướng dẫn các em cách phòng chống đuối nước trong dịp hè.",
    "Hội đồng thi đã hoàn thành việc chấm bài và tổng hợp điểm đúng tiến độ.",
    "Người đứng đầu đơn vị chịu trách nhiệm về chất lượng giáo dục của trường.",
    "Những tấm gương người tốt việc tốt được biểu dương trước toàn trường.",
    "Ủy ban nhân dân xã hỗ trợ kinh phí sửa chữa phòng học bị hư hỏng sau bão.",
    "Một số em còn đi học muộn, giáo viên chủ nhiệm cần nhắc nhở thường xuyên.",
    "Khu vực để xe của học sinh được bố trí gọn gàng, sạch sẽ và an toàn.",
    "Năm nay trường tuyển sinh sáu lớp một với hơn hai trăm học sinh.",
    "Đội tuyển học sinh giỏi môn Ngữ văn được bồi dưỡng vào các buổi chiều.",
    "Nhân dịp Tết Nguyên đán, học sinh được nghỉ từ ngày 27 tháng Chạp.",
    "Cảm ơn quý thầy cô đã tận tình dạy dỗ các em trong suốt năm học qua.",
    "Việc đánh giá học sinh thực hiện theo thông tư của Bộ Giáo dục và Đào tạo.",
    "Trường tổ chức khám sức khỏe định kỳ cho toàn bộ học sinh vào tháng Mười.",
    "Các lớp thi đua trang trí lớp học xanh, sạch, đẹp và thân thiện.",
    "Thời gian nộp bài dự thi kéo dài đến hết ngày 15 tháng Ba.",
    "Phong trào nuôi heo đất giúp đỡ bạn nghèo vượt khó được duy trì nhiều năm.",
    "Buổi ngoại khóa giúp các em hiểu thêm về truyền thống quê hương, đất nước.",
    "Thầy cô luôn khuyến khích học sinh đặt câu hỏi và tự tìm tòi kiến thức.",
    "Giải bóng đá mini học sinh khối THCS khép lại với trận chung kết hấp dẫn.",
    "Hòa Bình, Khánh Hòa, Thanh Hóa và Quảng Ngãi có đoàn học sinh tham dự.",
    "Sức khỏe của học sinh là mối quan tâm hàng đầu của nhà trường và gia đình.",
    "Đồng chí phó hiệu trưởng phụ trách chuyên môn trình bày báo cáo tổng kết.",
    "Thủy điện, khoáng sản và rừng là những tài nguyên quý của địa phương.",
    "Xin chân thành cảm ơn sự quan tâm, ủng hộ của quý phụ huynh học sinh.",
    "Chương trình giáo dục phổ thông mới chú trọng phát triển phẩm chất và năng lực.",
    "Mỗi học sinh cần rèn luyện thói quen đọc sách ít nhất ba mươi phút mỗi ngày.",
    "Lễ tri ân và trưởng thành của học sinh lớp 12 diễn ra trong không khí xúc động.",
    "Các em hãy giữ gìn vệ sinh chung, không xả rác bừa bãi trong khuôn viên trường.",
    "Quyết định thành lập tổ tư vấn tâm lý học đường đã được ký ban hành.",
    "Ông Phạm Văn Đồng, Bà Trần Thị Lý và Chị Võ Thị Sáu là những tên đường quen thuộc.",
    "KẾ HOẠCH NĂM HỌC 2024 – 2025 CỦA TRƯỜNG TIỂU HỌC LÊ LỢI",
)

# Correct Unicode in several languages, with symbols, URLs and e-mail addresses.
OTHER_UNICODE: tuple[str, ...] = (
    "Café",
    "naïve",
    "Straße",
    "déjà vu",
    "½ × 3 °C",
    "crème brûlée à la française",
    "Où est la gare ? Là-bas, près du musée.",
    "Je suis allé à l'école hier; c'était très intéressant.",
    "Größe, Übung, Äpfel und Öl — schön!",
    "Die Prüfung findet am Montag statt. Viel Glück!",
    "The quick brown fox jumps over the lazy dog.",
    "Let's go. Do it now! Is it ok? Yes, it's fine.",
    "Email me at thu.ky@truong.edu.vn or visit https://truong.edu.vn/thong-bao?id=12&x=1.",
    "Price: 12,50 € (incl. VAT) © 2025 Trường ABC™ – all rights reserved ®",
    "Temperature: 25 °C, humidity 80 %, ½ cup of sugar, 3 × 4 = 12, µm, ±0.5",
    "« Bonjour » dit-il, ¿qué tal? ¡Hola, señor Muñoz! Ça va ?",
    "São Paulo, Zürich, København, Malmö, Kraków, Ærøskøbing",
    "naïveté, coöperate, façade, jalapeño, smörgåsbord, Noël",
    "C:\\Users\\admin\\Documents\\bao-cao.docx and path/to/file.txt",
    "a+b=c; x^2 + y^2 = z^2; (a) (b) (c); e.g. i.e. etc.",
    "Ελληνικά, русский язык, 中文, 日本語, 한국어",
    "Hoà Bình, hoá học, khoẻ mạnh, thuỷ điện",
    "Hòa Bình, hóa học, khỏe mạnh, thủy điện",
    "Trường THCS Đà Nẵng",
    "Phở bò, bánh mì, cà phê sữa đá.",
    "Tôi là học sinh. Bạn có khỏe không?",
    "Mục tiêu: 100% học sinh đạt chuẩn; tỷ lệ khá giỏi ≥ 60%.",
    "Điện thoại: (0236) 3 812 345 – Fax: 3 812 346",
    "Add odd, Eddie, Teddy, buddy, sudden, ladder, hidden.",
    "A. B. C. Hello? Yes. No. Go. So. To. Do.",
    "O'Brien, D'Angelo, you're, they're, we'll, I'm, can't",
    "ma mà mả mã má mạ",
)


def paragraphs(n: int, seed: int = 0, min_chars: int = 30, max_sentences: int = 3) -> list[str]:
    """``n`` paragraphs of 1..max_sentences sentences each, at least ``min_chars`` long."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        k = rng.randint(1, max_sentences)
        p = " ".join(rng.choice(VI_SENTENCES) for _ in range(k))
        if len(p) >= min_chars:
            out.append(p)
    return out


def short_paragraphs(n: int, seed: int = 1, min_chars: int = 30) -> list[str]:
    """Fragments of sentences cut at word boundaries, ``min_chars``.. ~60 characters."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        words = rng.choice(VI_SENTENCES).split()
        start = rng.randint(0, max(0, len(words) - 4))
        frag = ""
        for w in words[start:]:
            frag = f"{frag} {w}".strip()
            if len(frag) >= min_chars:
                break
        if len(frag) >= min_chars:
            out.append(frag)
    return out


def megabyte_text(size: int = 1_000_000, seed: int = 2) -> str:
    """About ``size`` characters of Vietnamese paragraphs separated by newlines."""
    parts: list[str] = []
    total = 0
    for p in paragraphs(size // 40 + 10, seed=seed, max_sentences=4):
        parts.append(p)
        total += len(p) + 1
        if total >= size:
            break
    return "\n".join(parts)
