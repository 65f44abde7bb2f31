/// Chinese personal names for agency heads: a common surname and one or two given-name
/// characters. Invented combinations, not people.
enum PersonNames {
    private static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎")
    private static let given = Array("伟芳敏静强磊军洋勇艳杰涛明超秀霞平刚建华国志红文斌海燕立新春宏波宁晓丽辉俊鹏飞玉兰荣峰亮成东")

    static func draw(_ rng: inout SeededRandom) -> String {
        var name = String(rng.element(surnames))
        name.append(rng.element(given))
        if rng.chance(0.7) { name.append(rng.element(given)) }
        return name
    }
}
